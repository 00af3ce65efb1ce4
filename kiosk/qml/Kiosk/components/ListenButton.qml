pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk
import Kiosk.Bridge

// Listen: plays the recording of one text (its key: `timeline` for a section's introduction,
// `timeline:ID`, `map:ID`, `blason:ID`, `pillars:ID` for an item) in the visitor's language,
// then pauses and plays on. Shown only where that text has a recording in that language and
// the PC has a sound device. A thin bar along its bottom shows how much was heard.
Rectangle {
    id: button

    required property AudioController audio
    required property KioskController kiosk
    required property string key

    // The interface's words; empty while the window closes and its controllers go.
    readonly property var ui: button.kiosk ? button.kiosk.ui : ({})
    readonly property string url: button.audio && button.kiosk ? button.audio.urlFor(button.key, button.kiosk.language)
                                                                : ""
    readonly property bool mine: button.url !== "" && button.audio.source === button.url
    readonly property bool playing: button.mine && button.audio.playing
    readonly property real progress: button.mine && button.audio.duration > 0
                                     ? Math.min(1, button.audio.position / button.audio.duration) : 0
    readonly property string label: button.playing ? (button.ui["pause"] ?? "") : (button.ui["listen"] ?? "")

    function activate(): void {
        if (button.mine)
            button.audio.toggle();
        else
            button.audio.play(button.url);
    }

    visible: button.url !== "" && button.audio.available
    // As wide for "Pause" as for "Écouter": the button does not jump when touched.
    implicitWidth: icon.width + Theme.spacing + Math.ceil(Math.max(listenWord.advanceWidth, pauseWord.advanceWidth))
                   + Theme.gutter * 2
    implicitHeight: Theme.touchTarget
    radius: height / 2
    color: button.mine ? Theme.accent : Theme.surfaceRaised
    border.width: button.mine ? 0 : Theme.borderWidth
    border.color: Theme.divider
    scale: tap.pressed ? 0.96 : 1.0
    activeFocusOnTab: true

    Accessible.role: Accessible.Button
    Accessible.name: button.label
    Accessible.onPressAction: button.activate()
    Keys.onReturnPressed: button.activate()
    Keys.onEnterPressed: button.activate()
    Keys.onSpacePressed: button.activate()

    // Keys: the ring every control has (a touch hides it).
    FocusRing {
        targetRadius: button.radius
    }

    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.spacing

        // Play: a triangle; pause: two bars. Drawn, so no font lacks the glyph.
        Item {
            id: icon
            objectName: "listenIcon"
            anchors.verticalCenter: parent.verticalCenter
            width: Math.round(Theme.touchTarget * 0.4)
            height: icon.width

            Shape {
                anchors.fill: parent
                visible: !button.playing
                preferredRendererType: Shape.CurveRenderer

                ShapePath {
                    strokeWidth: 0
                    fillColor: button.mine ? Theme.accentInk : Theme.text
                    startX: icon.width * 0.12
                    startY: 0
                    PathLine { x: icon.width * 0.95; y: icon.height / 2 }
                    PathLine { x: icon.width * 0.12; y: icon.height }
                    PathLine { x: icon.width * 0.12; y: 0 }
                }
            }
            Rectangle {
                visible: button.playing
                x: icon.width * 0.1
                width: icon.width * 0.3
                height: icon.height
                color: Theme.accentInk
            }
            Rectangle {
                visible: button.playing
                x: icon.width * 0.6
                width: icon.width * 0.3
                height: icon.height
                color: Theme.accentInk
            }
        }
        Text {
            id: label
            objectName: "listenLabel"
            anchors.verticalCenter: parent.verticalCenter
            text: button.label
            textFormat: Text.PlainText
            color: button.mine ? Theme.accentInk : Theme.text
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLabel
            font.weight: Font.DemiBold
        }
    }

    TextMetrics {
        id: listenWord
        font: label.font
        text: button.ui["listen"] ?? ""
    }
    TextMetrics {
        id: pauseWord
        font: label.font
        text: button.ui["pause"] ?? ""
    }

    // How much was heard: a thin bar inside the bottom edge, while this text plays or pauses.
    Rectangle {
        objectName: "listenProgress"
        visible: button.mine
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.leftMargin: button.radius
        anchors.bottomMargin: Theme.borderWidth * 2
        width: (button.width - button.radius * 2) * button.progress
        height: Theme.borderWidth
        radius: height / 2
        color: Theme.accentInk
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: button.activate()
    }
}
