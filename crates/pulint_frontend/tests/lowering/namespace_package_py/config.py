bucket_name = "acme-data"
