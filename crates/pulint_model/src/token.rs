//! Pulumi type tokens (`aws:ec2/vpc:Vpc`) and how SDK class paths map onto them.

/// The token of an AWS resource class `module.Class` (`ec2`, `Vpc` -> `aws:ec2/vpc:Vpc`).
/// Python module names that dodge keywords (`lambda_`) lose their trailing underscore.
pub fn aws_resource_token(module: &str, class: &str) -> String {
    let module = module.trim_end_matches('_');
    format!("aws:{module}/{}:{class}", lower_first(class))
}

/// The token of an AWS function (`ec2`, `getVpc` -> `aws:ec2/getVpc:getVpc`); `module` is `index`
/// for top-level functions (`aws.getAvailabilityZones`).
pub fn aws_function_token(module: &str, camel_name: &str) -> String {
    let module = module.trim_end_matches('_');
    format!("aws:{module}/{camel_name}:{camel_name}")
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `cidr_block` -> `cidrBlock`. Names without underscores are returned as they are.
pub fn snake_to_camel(name: &str) -> String {
    if !name.contains('_') {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    // Schema names are ASCII: a byte loop, same result as the char loop below.
    if name.is_ascii() {
        for (i, b) in name.bytes().enumerate() {
            if b == b'_' {
                upper = i > 0;
            } else {
                out.push(if upper { b.to_ascii_uppercase() } else { b } as char);
                upper = false;
            }
        }
        return out;
    }
    for (i, ch) in name.chars().enumerate() {
        if ch == '_' {
            upper = i > 0;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// The module and type name of a token: `aws:ec2/vpc:Vpc` -> (`ec2`, `Vpc`).
pub fn split(token: &str) -> Option<(&str, &str)> {
    let mut parts = token.splitn(3, ':');
    let _pkg = parts.next()?;
    let middle = parts.next()?;
    let name = parts.next()?;
    Some((middle.split('/').next().unwrap_or(middle), name))
}

/// The short display form of a token: `aws:ec2/vpc:Vpc` -> `aws.ec2.Vpc`.
pub fn display(token: &str) -> String {
    if token == crate::program::AWS_PROVIDER {
        return "aws.Provider".into();
    }
    match split(token) {
        Some((module, name)) if token.starts_with("aws:") => {
            if module == "index" {
                format!("aws.{name}")
            } else {
                format!("aws.{module}.{name}")
            }
        }
        _ => token.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_names() {
        assert_eq!(aws_resource_token("ec2", "Vpc"), "aws:ec2/vpc:Vpc");
        assert_eq!(aws_resource_token("lambda_", "Function"), "aws:lambda/function:Function");
        assert_eq!(aws_function_token("index", "getAvailabilityZones"), "aws:index/getAvailabilityZones:getAvailabilityZones");
        assert_eq!(snake_to_camel("cidr_block"), "cidrBlock");
        assert_eq!(snake_to_camel("ipv6_cidr_block"), "ipv6CidrBlock");
        assert_eq!(snake_to_camel("_private"), "private");
        assert_eq!(snake_to_camel("Name"), "Name");
        assert_eq!(display("aws:s3/bucketV2:BucketV2"), "aws.s3.BucketV2");
    }
}
