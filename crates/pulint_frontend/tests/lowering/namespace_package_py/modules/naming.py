def logical(name):
    return f"{name}-bucket"
