# Shared by scripts/bootstrap.sh and scripts/build_bundle.sh (sourced, not run): the Debian packages PolicyDesk
# needs and one way to install the missing ones.  The sourcing script defines say().

# What Qt's xcb/offscreen platforms load, the CJK font the window and LibreOffice render with, and venv support.
QT_RUNTIME_PACKAGES="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 fonts-noto-cjk python3-venv"

missing_debian_packages() {  # prints those of the named packages that are not installed
  local pkg missing=""
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  printf '%s' "$missing"
}

apt_command() {  # "apt-get" as root, "sudo apt-get" where sudo needs no password, else nothing
  if [ "$(id -u)" = 0 ]; then echo "apt-get"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then echo "sudo apt-get"
  fi
}

install_debian_packages() {  # install_debian_packages APT PKG...: one call, then one by one; returns 1 if any failed
  local apt="$1" pkg failed=0
  shift
  $apt update -qq
  DEBIAN_FRONTEND=noninteractive $apt install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 && return 0
  # One by one, so a package this release lacks (e.g. libreoffice-writer-nogui on old Ubuntu) is named, not fatal.
  for pkg in "$@"; do
    DEBIAN_FRONTEND=noninteractive $apt install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 \
      || { say "无法安装 could not install: $pkg"; failed=1; }
  done
  return "$failed"
}
