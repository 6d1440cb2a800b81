#!/usr/bin/env bash
# Build the self-contained PolicyDesk folder with PyInstaller and prove it works without Python.
#
#   bash scripts/build_bundle.sh            # build dist/PolicyDesk/, check it, report its size
#   VENV=/path/to/venv bash scripts/build_bundle.sh   # use an existing environment instead of .venv
#   PYTHON=python3.12 bash scripts/build_bundle.sh    # interpreter for a new .venv (default python3)
#
# Steps, each checked:
#   1. on Debian/Ubuntu: binutils (PyInstaller reads libraries with objdump), the shared libpython of a
#      Debian interpreter, and the libraries and Chinese fonts Qt needs to draw the window offscreen;
#   2. the build environment (.venv with the project and its `build` extra: PyInstaller);
#   3. pyinstaller build.spec  ->  dist/PolicyDesk/ (PolicyDesk = the window, policydesk-cli = commands);
#   4. the bundled `policydesk-cli selftest`, and the bundled app offscreen with --screenshot (the search view for
#      户籍, then the reader: dist/policydesk-bundle-search.png, dist/policydesk-bundle.png), all in a bare
#      environment (no venv, no PYTHONPATH, another working directory, a temporary data directory);
#   5. that running it wrote nothing inside the bundle (a read-only install works);
#   6. an archive of it (dist/PolicyDesk-linux-x86_64.tar.gz) to hand over, unpacked elsewhere and self-tested again;
#      the bundle's size.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

say() { printf '\033[1m[bundle]\033[0m %s\n' "$*" >&2; }
die() { say "失败 FAILED: $*"; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-$ROOT/.venv}"
DIST="$ROOT/dist"
BUNDLE="$DIST/PolicyDesk"

. "$ROOT/scripts/debian-packages.sh"
SYSTEM_PACKAGES="binutils $QT_RUNTIME_PACKAGES"

system_packages() {  # the Debian packages named in $1 that are missing, installed
  command -v dpkg >/dev/null 2>&1 || { say "不是 Debian/Ubuntu：请自行安装 binutils、Qt 6 运行库和中文字体。"; return 0; }
  local missing apt
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  missing="$(missing_debian_packages $1)"
  [ -z "$missing" ] && return 0
  apt="$(apt_command)"
  [ -n "$apt" ] || die "缺少系统软件包:$missing；请让管理员运行 sudo apt-get install -y$missing"
  say "安装系统软件包 installing:$missing"
  # shellcheck disable=SC2086
  install_debian_packages "$apt" $missing || die "无法安装:$missing"
}

libpython_package() {  # PyInstaller bundles the interpreter's shared library; Debian keeps it in libpython3.X
  local exe
  [ -x "$VENV/bin/python" ] && exe="$(readlink -f "$VENV/bin/python")" || exe="$(command -v "$PYTHON" || true)"
  [ -n "$exe" ] && command -v dpkg >/dev/null 2>&1 && dpkg -S "$(readlink -f "$exe")" >/dev/null 2>&1 || return 0
  "$exe" -c 'import sys; print(f"libpython{sys.version_info[0]}.{sys.version_info[1]}")'
}

build_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    command -v "$PYTHON" >/dev/null 2>&1 || die "找不到 $PYTHON：请安装 Python 3.10 或更高版本，或设置 PYTHON=…"
    say "创建虚拟环境 creating $VENV"
    "$PYTHON" -m venv "$VENV" || die "无法创建虚拟环境（sudo apt-get install python3-venv）"
  fi
  if [ "$VENV" != "$ROOT/.venv" ]; then
    # Someone else's environment: use it as it is if it has what the build needs, never reinstall into it.
    "$VENV/bin/python" -c 'import PyInstaller, PySide6, jieba, whoosh, docx, lxml' 2>/dev/null \
      || die "$VENV 中缺少 PyInstaller 或程序依赖：请运行 $VENV/bin/python -m pip install -e '.[build]'"
    return 0
  fi
  local stamp="$VENV/.policydesk-build-installed" want
  want="$(cksum < pyproject.toml)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "安装依赖和 PyInstaller installing packages"
    "$VENV/bin/python" -m pip install -q -e ".[build]" || die "pip 安装失败：请检查网络或镜像设置（pip config list）"
    echo "$want" > "$stamp"
  fi
}

build() {
  say "打包 building (pyinstaller build.spec)…"
  local t0; t0="$(now)"
  rm -rf "$BUNDLE"
  "$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" build.spec || die "PyInstaller 打包失败"
  BUILD_SECONDS="$(elapsed "$t0")"
  [ -x "$BUNDLE/PolicyDesk" ] && [ -x "$BUNDLE/policydesk-cli" ] || die "打包结果中缺少 PolicyDesk 或 policydesk-cli"
}

# Run a bundled program as a drafter's machine would: no venv, no PYTHONPATH, elsewhere, fresh data dir.
bare() {
  (cd "$WORK" && env -i HOME="$WORK/home" TMPDIR="$WORK/tmp" PATH=/usr/bin:/bin LANG=C.UTF-8 \
     QT_QPA_PLATFORM=offscreen POLICYDESK_DATA_DIR="$WORK/data" "$@")
}

check() {
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  mkdir -p "$WORK/home" "$WORK/tmp" "$WORK/data"
  touch "$WORK/before"
  sleep 1  # mtimes have one-second resolution on some filesystems

  say "运行打包后的自检 bundled selftest…"
  local t0; t0="$(now)"
  bare "$BUNDLE/policydesk-cli" selftest || die "打包后的 selftest 未通过（见上）"
  SELFTEST_SECONDS="$(elapsed "$t0")"

  if [ ! -f desktop_app/app.py ]; then
    say "源码中还没有窗口（desktop_app/app.py），跳过截图 no window code yet: screenshot skipped"
    SCREENSHOT_SECONDS="—（未截图）"
  else
    screenshot policydesk-bundle-search --view search --query 户籍   # builds the index, searches, highlights
    screenshot policydesk-bundle                                     # the reader, as a drafter first sees it
  fi
  local written
  written="$(find "$BUNDLE" -newer "$WORK/before" | head -5)"
  [ -z "$written" ] || die "程序运行时在安装目录中写入了文件（只读安装会失败）：$written"
  [ -z "$(ls -A "$WORK/tmp")" ] || die "自检没有删除它的临时目录：$(ls "$WORK/tmp")"
}

screenshot() {  # screenshot NAME [window options]: render the bundled window offscreen into dist/NAME.png
  local shot="$DIST/$1.png" t0
  shift
  say "打包后的程序离屏截图 bundled app --screenshot $* …"
  rm -f "$shot"
  t0="$(now)"
  bare "$BUNDLE/PolicyDesk" --screenshot "$shot" "$@" || die "打包后的程序未能截图"
  SCREENSHOT_SECONDS="${SCREENSHOT_SECONDS:+$SCREENSHOT_SECONDS、}$(elapsed "$t0")"
  "$VENV/bin/python" - "$shot" <<'EOF' || die "截图不是有效的 PNG：$shot"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, "not a PNG with content"
w, h = struct.unpack(">II", data[16:24])
print(f"截图 {w}×{h}，{len(data) // 1024} KB：{sys.argv[1]}")
EOF
}

report() {
  local zip="$DIST/PolicyDesk-linux-$(uname -m).tar.gz"
  rm -f "$zip"
  tar -C "$DIST" -czf "$zip" PolicyDesk
  # What is handed over is the archive: unpack it elsewhere and run its selftest once more.
  mkdir "$WORK/unpacked"
  tar -C "$WORK/unpacked" -xzf "$zip"
  bare "$WORK/unpacked/PolicyDesk/policydesk-cli" selftest >/dev/null || die "压缩包解压到别处后自检未通过：$zip"
  say "压缩包解压到别处后自检通过 the unpacked archive passes selftest"
  local size files zipsize
  size="$(du -sm "$BUNDLE" | cut -f1)"
  files="$(find "$BUNDLE" -type f | wc -l)"
  zipsize="$(du -sm "$zip" | cut -f1)"
  say "完成 done"
  echo "打包目录：$BUNDLE（${size} MB，${files} 个文件）"
  echo "压缩包：$zip（${zipsize} MB）"
  echo "打包用时 ${BUILD_SECONDS} 秒；打包后自检 ${SELFTEST_SECONDS} 秒；离屏截图（检索、阅读）${SCREENSHOT_SECONDS} 秒"
}

system_packages "$SYSTEM_PACKAGES"       # brings python3 too where the machine has none
system_packages "$(libpython_package)"
build_env
build
check
report
