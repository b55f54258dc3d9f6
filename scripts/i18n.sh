#!/bin/sh
# Regenerate the kiosk's translations: pyside6-lupdate refreshes resources/i18n/*.ts from the
# code (new strings arrive unfinished, gone ones are dropped), then pyside6-lrelease compiles
# them to the .qm files the kiosk loads. Edit the .ts files (by hand or in pyside6-linguist),
# run this again, and commit both. tests/unit/test_i18n.py fails when either is stale.
# The sources are kiosk/ui/i18n.py's SOURCES (keep both lists in step).
set -eu
cd "$(dirname "$0")/.."
bin=.venv/bin
[ -x "$bin/pyside6-lupdate" ] || bin="$(dirname "$(command -v pyside6-lupdate)")"
for lang in es fr de ar; do
    # -locations none: line numbers would change the files on every edit of the code.
    "$bin/pyside6-lupdate" -silent -no-obsolete -locations none -target-language "$lang" \
        kiosk/ui/window.py kiosk/ui/language_switch.py kiosk/ui/reasons.py \
        kiosk/ui/screens/*.py kiosk/desk/[!c]*.py kiosk/desk/customer_display.py \
        kiosk/desk/customer_link.py -ts "resources/i18n/kiosk_$lang.ts"
    "$bin/pyside6-lrelease" -silent "resources/i18n/kiosk_$lang.ts" \
        -qm "resources/i18n/kiosk_$lang.qm"
done
