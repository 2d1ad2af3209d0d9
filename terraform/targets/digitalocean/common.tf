# Shared by every target module (identical copies): hosts per role, ports per role, cloud-init.
locals {
  hosts = merge([
    for role, spec in var.roles : {
      for index in range(spec.count) : format("%s-%s-%d", var.name, role, index + 1) => {
        role = role
        size = spec.size
      }
    }
  ]...)

  # Role ports: public ones open to the world, private ones only inside network_cidr.
  public_ports = {
    web         = { tcp = [80, 443], udp = [] }
    app         = { tcp = [], udp = [] }
    postgres    = { tcp = [], udp = [] }
    objectstore = { tcp = [], udp = [] }
    dns         = { tcp = [53], udp = [53] }
  }
  private_ports = {
    web         = []
    app         = [8000]
    postgres    = [5432]
    objectstore = [9000]
    dns         = []
  }
  active_roles = toset(keys({ for role, spec in var.roles : role => spec if spec.count > 0 }))
  public_tcp   = distinct(flatten([for role in local.active_roles : local.public_ports[role].tcp]))
  public_udp   = distinct(flatten([for role in local.active_roles : local.public_ports[role].udp]))
  private_tcp  = distinct(flatten([for role in local.active_roles : local.private_ports[role]]))

  # Hardened defaults: keys only, no root or password login.
  cloud_init = <<-EOT
    #cloud-config
    ssh_pwauth: false
    disable_root: true
    users:
      - name: ${local.ssh_user}
        groups: [sudo]
        shell: /bin/bash
        sudo: "ALL=(ALL) NOPASSWD:ALL"
        lock_passwd: true
        ssh_authorized_keys: ${jsonencode(var.ssh_keys)}
    write_files:
      - path: /etc/ssh/sshd_config.d/50-evac.conf
        content: |
          PasswordAuthentication no
          KbdInteractiveAuthentication no
          PermitRootLogin no
    runcmd:
      - [systemctl, reload, ssh]
  EOT
}
