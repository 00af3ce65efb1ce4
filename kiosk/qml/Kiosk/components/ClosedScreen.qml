pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// Outside opening hours: black, so the hall stays dark and the panel rests (the display's
// own power saving may switch it off). A touch lights, for a few minutes, when the exhibit
// opens again, in every language at once (the kiosk's language first, the default one
// after closing), then it goes black again. It holds every touch, so nothing underneath
// reacts; the staff's corner gesture still opens the admin screen above it.
Item {
    id: screen

    required property KioskController kiosk
    required property OpeningController opening

    // The language the kiosk speaks first, then the others in the exhibit's order.
    readonly property var order: [screen.kiosk.language].concat(
        screen.kiosk.languages.map(entry => entry.code).filter(code => code !== screen.kiosk.language))

    objectName: "closedScreen"
    visible: !screen.opening.open

    Rectangle {
        anchors.fill: parent
        color: Theme.night
    }
    TapHandler {
        gesturePolicy: TapHandler.WithinBounds
        onPressedChanged: {
            if (pressed)
                screen.opening.wake();
        }
    }

    Column {
        id: message
        objectName: "closedMessage"
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, Theme.closedWidth)
        spacing: Theme.gutter
        visible: screen.opening.awake || message.opacity > 0
        opacity: screen.opening.awake ? 1 : 0

        Behavior on opacity {
            OpacityAnimator {
                duration: Theme.wakeFadeMs
                easing.type: Easing.InOutQuad
            }
        }

        Repeater {
            model: screen.order

            Column {
                id: block

                required property string modelData
                required property int index
                readonly property bool first: block.index === 0
                readonly property var words: screen.opening.closedMessages[block.modelData] ?? ({})

                objectName: "closedLanguage-" + block.modelData
                width: message.width
                spacing: block.first ? Theme.spacing : Math.round(Theme.spacing / 2)

                // A short gold rule between the first language and the others.
                Item {
                    width: parent.width
                    height: block.index === 1 ? Theme.gutter : 0
                    visible: block.index === 1

                    Rectangle {
                        anchors.horizontalCenter: parent.horizontalCenter
                        anchors.top: parent.top
                        width: Theme.touchTarget
                        height: Theme.borderWidth
                        color: Theme.accent
                    }
                }
                Text {
                    objectName: "closedTitle"
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: block.words.title ?? ""
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: block.first ? Theme.text : Theme.textMuted
                    font.family: Theme.serifFamily
                    font.pixelSize: block.first ? Theme.fontDisplay : Theme.fontLead
                    font.weight: Font.Bold
                }
                Text {
                    objectName: "closedReopens"
                    width: parent.width
                    visible: text.length > 0
                    horizontalAlignment: Text.AlignHCenter
                    text: block.words.reopens ?? ""
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: block.first ? Theme.text : Theme.textMuted
                    font.family: Theme.sansFamily
                    font.pixelSize: block.first ? Theme.fontTileTitle : Theme.fontBody
                    font.weight: block.first ? Font.Medium : Font.Normal
                }
            }
        }
    }
}
