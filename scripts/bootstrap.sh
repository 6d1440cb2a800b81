#!/usr/bin/env bash
# Set up everything PolicyDesk needs, then open the app or run the tests.
#
#   bash scripts/bootstrap.sh app  [policydesk arguments]   # set up and open the window
#   bash scripts/bootstrap.sh test [pytest arguments]       # set up and run the whole test suite
#
# What it does, each step only when something is missing:
#   1. on Debian/Ubuntu: the system libraries Qt needs, fonts-noto-cjk (Chinese text), and for the tests
#      LibreOffice, poppler-utils and xvfb (apt-get; as root, or through sudo if it needs no password);
#   2. a virtual environment in .venv (PYTHON=python3.12 picks another interpreter);
#   3. the Python packages from pyproject.toml (again whenever pyproject.toml changes).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-app}"
[ $# -gt 0 ] && shift
case "$mode" in app|test) ;; *) echo "用法 usage: bash scripts/bootstrap.sh app|test [参数 args]" >&2; exit 2 ;; esac

say() { printf '\033[1m[policydesk]\033[0m %s\n' "$*" >&2; }

. scripts/debian-packages.sh
TEST_TOOLS="libreoffice-writer-nogui poppler-utils xvfb"

install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || { say "不是 Debian/Ubuntu 系统：请自行安装 Qt 6 运行库和中文字体（见 README）。"; return 0; }
  local wanted="$QT_RUNTIME_PACKAGES" missing apt
  [ "$mode" = test ] && wanted="$wanted $TEST_TOOLS"
  # shellcheck disable=SC2086 # word splitting of the package lists is intended
  missing="$(missing_debian_packages $wanted)"
  [ -z "$missing" ] && return 0
  apt="$(apt_command)"
  if [ -z "$apt" ]; then
    say "缺少系统软件包:$missing"
    say "请让管理员运行：sudo apt-get install -y$missing  （之后再运行本命令）"
    say "Missing system packages; ask an administrator to install them. Continuing without them."
    return 0
  fi
  say "安装系统软件包 installing:$missing"
  # shellcheck disable=SC2086
  install_debian_packages "$apt" $missing || say "部分软件包未能安装：相关测试将被跳过或功能受限。"
}

make_venv() {
  local python="${PYTHON:-python3}"
  command -v "$python" >/dev/null 2>&1 || { say "找不到 $python：请安装 Python 3.10 或更高版本。"; exit 1; }
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || { say "需要 Python 3.10 或更高版本，当前是 $("$python" --version 2>&1)。可设置 PYTHON=python3.11 再试。"; exit 1; }
  if [ ! -x .venv/bin/python ]; then
    say "创建虚拟环境 creating .venv"
    "$python" -m venv .venv || { rm -rf .venv; say "无法创建虚拟环境：请安装 python3-venv（sudo apt-get install python3-venv）。"; exit 1; }
  fi
  local stamp=".venv/.policydesk-installed" want
  want="$(cat pyproject.toml | cksum)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "安装 Python 依赖 installing Python packages"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
    .venv/bin/python -m pip install -q -e ".[test]" \
      || { say "Python 依赖安装失败：请检查网络或 pip 镜像设置（pip config list）。"; exit 1; }
    echo "$want" > "$stamp"
  fi
}

install_system_packages
make_venv

if [ "$mode" = test ]; then
  export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
  .venv/bin/python -m ruff check desktop_app tests bench
  exec .venv/bin/python -m pytest "$@"
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  say "没有图形界面（DISPLAY 未设置）。可在桌面环境中运行，或用 --screenshot out.png 生成截图。"
fi
exec .venv/bin/policydesk "$@"
