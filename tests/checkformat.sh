#!/bin/sh
# tests/checkformat.sh SOURCE_DIR
# Fails when a C++ file under core/, ui/, app/ or tests/ differs from what
# .clang-format makes of it, naming the files; `clang-format -i FILE` fixes
# them. Works without git (a copied tree has no .git).
set -eu
cd "$1"
if ! command -v clang-format >/dev/null; then
    echo "checkformat: clang-format is missing; packaging/debian-setup.sh --tests installs it" >&2
    exit 1
fi
files=$(find core ui app tests -path '*/node_modules' -prune -o \
             \( -name '*.cpp' -o -name '*.h' \) -print | sort)
drift=""
for file in $files; do
    clang-format --dry-run --Werror "$file" >/dev/null 2>&1 || drift="$drift $file"
done
if [ -n "$drift" ]; then
    echo "checkformat: these files differ from .clang-format (run clang-format -i on them):" >&2
    for file in $drift; do echo "  $file" >&2; done
    exit 1
fi
echo "checkformat: $(echo "$files" | wc -l) files match .clang-format"
