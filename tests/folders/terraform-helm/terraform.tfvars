redis_version = "19.5.0"
