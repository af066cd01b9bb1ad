variable "redis_version" {
  type    = string
  default = "19.x"
}

variable "ingress_version" {
  type    = string
  default = "4.10.1"
}

variable "podinfo_chart" {
  type = string
}

# No default and no value in a variables file: set with -var at apply time.
variable "cert_manager_version" {
  type = string
}

variable "worker_image" {
  type = string
}
