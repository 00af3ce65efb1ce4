import QtQuick
import Kiosk.Bridge

// Linted by tests/gui/test_qmllint.py, never loaded: qmllint must report the misspelt
// property, slot and model of bridge types, or the lint gate has stopped seeing Python.
Item {
    id: probe

    required property KioskController kiosk
    readonly property TimelineController timeline: probe.kiosk.section(0).controller as TimelineController

    readonly property string spoken: probe.kiosk.langauge
    readonly property int eras: probe.timeline.eraCount

    Repeater {
        model: probe.timeline.eraModle
        Item {}
    }

    Component.onCompleted: probe.kiosk.goHomme()
}
