# scripts/lib/apt.sh — sourced by the scripts that install what they need (test.sh, Tests/EndToEnd/run.sh,
# Benchmarks/run.sh). Defines ensure_apt_packages PKG...: installs the Debian packages that are missing, quietly and
# without recommended extras (emacs-nox would otherwise pull in a mail server). The package lists are refreshed
# only when they are empty (a fresh image) or an install fails without a refresh. Needs root, or sudo.
ensure_apt_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  printf '[apt] apt-get install %s\n' "${missing[*]}" >&2
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { printf '[apt] error: need root (or sudo) to install %s\n' "${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  _apt_install() {
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
      >/dev/null
  }
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || ! _apt_install; then
    "${sudo[@]}" apt-get update -qq
    _apt_install || { printf '[apt] error: apt-get install %s failed\n' "${missing[*]}" >&2; return 1; }
  fi
}
