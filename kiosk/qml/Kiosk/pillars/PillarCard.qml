pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// A pillar, the foundation or the ingredients, opened: principles, then real examples
// (two columns where the card is wide, one in portrait), with links to the timeline.
Item {
    id: card

    required property KioskController kiosk
    required property SectionItem section
    required property var detail
    required property AudioController audio

    objectName: "pillarDetail"

    // The control that had the focus before it opened: it gets it back on closing.
    property Item returnFocus: null

    Accessible.role: Accessible.Dialog
    Accessible.name: card.detail.kind === "ingredients" ? card.kiosk.ui.source_code : (card.detail.title ?? "")

    // Opened, its Close button takes the focus (Escape closes it too, Main.qml).
    onVisibleChanged: {
        if (card.visible) {
            card.returnFocus = card.Window.activeFocusItem;
            closeButton.forceActiveFocus(Qt.OtherFocusReason);
        } else if (card.returnFocus) {
            card.returnFocus.forceActiveFocus(Qt.OtherFocusReason);
            card.returnFocus = null;
        }
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
        Accessible.ignored: true
    }
    TapHandler {
        onTapped: card.kiosk.closeDetail()
    }
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, Math.round(1560 * Theme.scale))
        height: parent.height - Theme.spacing * 2
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.borderWidth
        border.color: card.section.colour

        TapHandler {}

        // Marks the pillar's words while its recording plays.
        ReadingBand {
            objectName: "reading-" + listen.key
            flick: reading
            block: words
            on: listen.mine
        }

        Flickable {
            id: reading
            objectName: "pillarReading"
            anchors.fill: parent
            anchors.margins: Theme.gutter
            anchors.leftMargin: Theme.margin
            anchors.bottomMargin: Theme.touchTarget + Theme.gutter * 2
            contentHeight: words.height
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            flickableDirection: Flickable.VerticalFlick
            ScrollIndicator.vertical: ScrollIndicator {
                active: reading.contentHeight > reading.height
            }

            Column {
                id: words
                width: reading.width - Theme.gutter
                spacing: Theme.spacing

                Text {
                    objectName: "pillarTitle"
                    width: parent.width
                    text: card.detail.kind === "ingredients" ? card.kiosk.ui.source_code : (card.detail.title ?? "")
                    textFormat: Text.PlainText
                    color: Theme.text
                    wrapMode: Text.Wrap
                    font.family: Theme.serifFamily
                    font.pixelSize: Theme.fontHeading
                    font.weight: Font.Bold
                }
                // The pillar read aloud, where it has a recording in the visitor's language.
                ListenButton {
                    id: listen
                    objectName: "listen-" + listen.key
                    width: Math.min(implicitWidth, parent.width)
                    audio: card.audio
                    kiosk: card.kiosk
                    key: (card.detail.id ?? "").length > 0 ? "pillars:" + card.detail.id : ""
                }
                Text {
                    width: parent.width
                    visible: text.length > 0
                    text: card.detail.summary ?? ""
                    textFormat: Text.PlainText
                    color: Theme.accent
                    wrapMode: Text.Wrap
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontLead
                    font.weight: Font.Medium
                }
                Repeater {
                    model: card.detail.principles ?? []
                    Text {
                        required property string modelData
                        width: words.width
                        text: "•  " + modelData
                        textFormat: Text.PlainText
                        color: Theme.text
                        wrapMode: Text.Wrap
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontBody
                    }
                }
                Grid {
                    id: examples
                    width: parent.width
                    columns: width > Theme.readingWidth * 1.4 ? 2 : 1
                    columnSpacing: Theme.gutter
                    rowSpacing: Theme.spacing
                    readonly property real cellWidth: (examples.width - (examples.columns - 1) * examples.columnSpacing) / examples.columns
                    Repeater {
                        model: card.detail.items ?? []
                        Rectangle {
                            id: example
                            required property var modelData
                            required property int index
                            width: examples.cellWidth
                            height: exampleWords.height + Theme.gutter * 2
                            radius: Theme.radius / 2
                            color: Theme.surfaceRaised
                            // The section's colour marks each example at its edge.
                            Rectangle {
                                anchors.left: parent.left
                                anchors.top: parent.top
                                anchors.bottom: parent.bottom
                                anchors.topMargin: Theme.gutter
                                anchors.bottomMargin: Theme.gutter
                                width: Theme.borderWidth * 2
                                color: card.section.colour
                            }
                            Column {
                                id: exampleWords
                                anchors.left: parent.left
                                anchors.right: parent.right
                                anchors.top: parent.top
                                anchors.margins: Theme.gutter
                                spacing: Theme.spacing / 2
                                Text {
                                    width: parent.width
                                    text: (card.detail.kind === "ingredients" ? (example.index + 1) + ".  " : "") + example.modelData.title
                                    textFormat: Text.PlainText
                                    color: Theme.text
                                    wrapMode: Text.Wrap
                                    font.family: Theme.sansFamily
                                    font.pixelSize: Theme.fontLabel
                                    font.weight: Font.Bold
                                }
                                Text {
                                    width: parent.width
                                    text: example.modelData.text
                                    textFormat: Text.PlainText
                                    color: Theme.text
                                    wrapMode: Text.Wrap
                                    lineHeight: Theme.lineHeight
                                    font.family: Theme.sansFamily
                                    font.pixelSize: Theme.fontSmall
                                }
                                Flow {
                                    id: exampleLinks
                                    width: parent.width
                                    spacing: Theme.spacing
                                    Repeater {
                                        model: example.modelData.related
                                        KioskButton {
                                            required property var modelData
                                            objectName: "link-" + modelData.link
                                            text: modelData.label + "  →"
                                            width: Math.min(implicitWidth, exampleLinks.width)
                                            onClicked: card.kiosk.openLink(modelData.link)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        ScrollKeys {
            flick: reading
            name: card.Accessible.name
        }
        MoreBelow {
            flick: reading
            ground: Theme.surface
        }
        KioskButton {
            id: closeButton
            objectName: "pillarClose"
            Accessible.name: card.kiosk.ui.close
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Theme.gutter
            primary: true
            text: "×  " + card.kiosk.ui.close
            onClicked: card.kiosk.closeDetail()
        }
    }
}
