variable "api_version" {
  type    = string
  default = "1.0"
}

variable "proxy_image" {
  type    = string
  default = "envoyproxy/envoy:v1.30.1"
}

variable "metrics_digest" {
  type    = string
  default = "sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"
}

variable "worker_tag" {
  type = string
}

# No default and no value in a variables file: set with -var at apply time.
variable "migrate_image" {
  type = string
}
