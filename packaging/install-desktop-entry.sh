#!/bin/sh
# Adds Backprop Studio to the application menu of the current user (Linux).
# Run it from the unpacked folder: ./install-desktop-entry.sh   (undo: --remove)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$apps/backprop-studio.desktop"
    for size in 16 32 48 64 128 256 512; do rm -f "$icons/${size}x${size}/apps/backprop-studio.png"; done
    echo "Removed Backprop Studio from the application menu."
    exit 0
fi
mkdir -p "$apps"
for size in 16 32 48 64 128 256 512; do
    if [ -f "$here/icons/backprop-studio-$size.png" ]; then
        mkdir -p "$icons/${size}x${size}/apps"
        cp "$here/icons/backprop-studio-$size.png" "$icons/${size}x${size}/apps/backprop-studio.png"
    fi
done
sed "s|^Exec=.*|Exec=\"$here/backprop-studio\" %f|" "$here/backprop-studio.desktop" > "$apps/backprop-studio.desktop"
chmod 644 "$apps/backprop-studio.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
echo "Backprop Studio is now in the application menu (entry: $apps/backprop-studio.desktop)."
