#!/usr/bin/env bash
# libvirt's own XML test data, the corpus of the XML round trip (npm run xml-roundtrip): domain
# XML (tests/qemuxml2argvdata, qemuxml2xmloutdata), network XML (networkxml2xmlin/out) and
# storage pool / volume XML (storagepoolxml2xmlin, storagevolxml2xmlin) from Debian's source
# tarball of libvirt 9.0.0, checked against a pinned sha256.
#
# Idempotent: the tarball and the extracted directories are cached under
# ${XDG_CACHE_HOME:-$HOME/.cache}/virtdeck/; a second run downloads nothing.
# Prints the directory holding the tests/ folders (the DIR to give the round trip) on stdout.
set -euo pipefail

VERSION=9.0.0
URL="http://deb.debian.org/debian/pool/main/libv/libvirt/libvirt_${VERSION}.orig.tar.xz"
SHA256=deca5cff1b7baac297bca9663907c61f71a47183371dc7ac019c107806d5435a
DIRS=(qemuxml2argvdata qemuxml2xmloutdata networkxml2xmlin networkxml2xmlout
  storagepoolxml2xmlin storagevolxml2xmlin)

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/virtdeck"
TARBALL="$CACHE/libvirt_${VERSION}.orig.tar.xz"
OUT="$CACHE/libvirt-${VERSION}-xml"
STAMP="$OUT/.complete"

log() { printf 'libvirt-corpus: %s\n' "$*" >&2; }

mkdir -p "$CACHE"
if [[ -e "$STAMP" ]]; then
  printf '%s\n' "$OUT/tests"
  exit 0
fi

if [[ ! -s "$TARBALL" ]] || ! sha256sum --status -c <<<"$SHA256  $TARBALL"; then
  log "downloading $URL"
  tmp="$(mktemp "$CACHE/.download.XXXXXX")"
  trap 'rm -f "$tmp"' EXIT
  curl -fsSL --retry 3 -o "$tmp" "$URL"
  if ! sha256sum --status -c <<<"$SHA256  $tmp"; then
    log "ERROR: $URL does not have the expected sha256 $SHA256"
    exit 1
  fi
  mv "$tmp" "$TARBALL"
  trap - EXIT
fi

log "extracting ${DIRS[*]}"
rm -rf "$OUT.tmp"
mkdir -p "$OUT.tmp"
patterns=()
for d in "${DIRS[@]}"; do patterns+=("libvirt-${VERSION}/tests/$d/*"); done
tar -xJf "$TARBALL" -C "$OUT.tmp" --strip-components=1 --wildcards "${patterns[@]}"
rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"
touch "$STAMP"
printf '%s\n' "$OUT/tests"
