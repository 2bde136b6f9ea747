#!/bin/sh
# Make sure the Debian packages Colloquy needs are installed: WeasyPrint's Pango and
# HarfBuzz (with the subsetter, without which a CJK PDF takes ~10x longer), the Noto
# fonts for English and Chinese, gettext's msgfmt and poppler's PDF tools (tests);
# with --clients, Chromium, LibreOffice and zbar's scanner (make test-clients); with --bench, pandoc.
# Installs them with apt-get when running as root; otherwise names the command to run.
# Quick when everything is there: one dpkg-query call.
set -eu

PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fonts-noto-core gettext poppler-utils"
case "${1:-}" in
    --clients) PACKAGES="chromium libreoffice-writer-nogui zbar-tools" ;;  # make test-clients: the readers' clients, and a QR code scanner
    --bench) PACKAGES="pandoc" ;;  # make bench: pandoc is a reference
esac
if [ -z "${1:-}" ] && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    PACKAGES="$PACKAGES python3-venv"
fi

missing=""
for pkg in $PACKAGES; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $pkg"
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing system packages:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >/dev/null
        fc-cache -f >/dev/null 2>&1 || true
    else
        echo "error: missing system packages:$missing" >&2
        echo "  run: sudo apt-get install$missing" >&2
        exit 1
    fi
fi

[ -z "${1:-}" ] || exit 0
# The fonts the editions are set in (see src/colloquy/typography.py).
for family in "Noto Serif CJK SC" "Noto Sans CJK SC" "Noto Serif CJK TC" "Noto Sans CJK TC" "Noto Serif" "Noto Sans"; do
    if ! fc-list ":family=$family" family | grep -q .; then
        echo "error: font '$family' is not installed; run: sudo apt-get install fonts-noto-cjk fonts-noto-core" >&2
        exit 1
    fi
done
