api_version = "2.0"
worker_tag  = "5.1"
