pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// A marker opened: its name, what it was, its figures and links. The map stays in view.
Rectangle {
    id: card

    required property KioskController kiosk
    required property var marker
    required property AudioController audio

    signal closed

    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.accent
    Accessible.role: Accessible.Dialog
    Accessible.name: card.marker.title ?? ""

    // The control that had the focus before it opened (a marker, a column of the heights
    // and depths): it gets it back on closing. Opened, Close takes the focus.
    property Item returnFocus: null

    // Escape does what Close does: one step back (to the heights and depths when the card
    // was opened from there).
    Keys.onEscapePressed: card.closed()
    onVisibleChanged: {
        if (card.visible) {
            card.returnFocus = card.Window.activeFocusItem;
            closeButton.forceActiveFocus(Qt.OtherFocusReason);
        } else if (card.returnFocus) {
            card.returnFocus.forceActiveFocus(Qt.OtherFocusReason);
            card.returnFocus = null;
        }
    }

    TapHandler {}

    // Marks the marker's words while its recording plays.
    ReadingBand {
        objectName: "reading-" + listen.key
        flick: reading
        block: words
        on: listen.mine
    }

    Flickable {
        id: reading
        objectName: "markerReading"
        anchors.fill: parent
        anchors.margins: Theme.gutter
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
            width: reading.width - Theme.spacing
            spacing: Theme.spacing

            Text {
                objectName: "markerTitle"
                width: parent.width
                text: card.marker.title ?? ""
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontTileTitle
                font.weight: Font.Bold
            }
            // The marker's text read aloud, where it has a recording in the visitor's language.
            ListenButton {
                id: listen
                objectName: "listen-" + listen.key
                width: Math.min(implicitWidth, parent.width)
                audio: card.audio
                kiosk: card.kiosk
                key: (card.marker.id ?? "").length > 0 ? "map:" + card.marker.id : ""
            }
            Text {
                width: parent.width
                visible: card.marker.approximate ?? false
                text: card.kiosk.ui.approximate_position
                textFormat: Text.PlainText
                color: Theme.accent
                wrapMode: Text.WordWrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.italic: true
            }
            MediaImage {
                objectName: "markerPicture"
                visible: (card.marker.media ?? "").length > 0
                width: parent.width
                // A sheet on an upright screen is wide and low: the picture leaves room for words.
                height: visible ? Math.round(Math.min(width * 0.56, card.height * 0.3)) : 0
                source: card.marker.media ?? ""
                alt: card.marker.mediaAlt ?? ""
                fit: card.marker.mediaFit ?? "cover"
                focusX: card.marker.mediaFocus?.[0] ?? 0.5
                focusY: card.marker.mediaFocus?.[1] ?? 0.5
            }
            Text {
                visible: (card.marker.mediaCredit ?? "").length > 0
                width: parent.width
                text: card.marker.mediaCredit ?? ""
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
            }
            Repeater {
                model: card.marker.figures ?? []
                Column {
                    id: figure
                    required property var modelData
                    width: words.width
                    Text {
                        width: parent.width
                        text: figure.modelData.label
                        textFormat: Text.PlainText
                        color: Theme.textMuted
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontSmall
                    }
                    Text {
                        width: parent.width
                        text: figure.modelData.value
                        textFormat: Text.PlainText
                        color: Theme.text
                        wrapMode: Text.WordWrap
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontLabel
                        font.weight: Font.DemiBold
                    }
                }
            }
            Text {
                width: parent.width
                text: card.marker.text ?? ""
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineHeight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontBody
            }
            Flow {
                id: markerLinks
                width: parent.width
                spacing: Theme.spacing
                Repeater {
                    model: card.marker.related ?? []
                    KioskButton {
                        required property var modelData
                        objectName: "link-" + modelData.link
                        text: modelData.label + "  →"
                        width: Math.min(implicitWidth, markerLinks.width)
                        onClicked: card.kiosk.openLink(modelData.link)
                    }
                }
            }
        }
    }

    MoreBelow {
        flick: reading
        ground: Theme.surface
    }
    KioskButton {
        id: closeButton
        objectName: "markerClose"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.gutter
        primary: true
        text: "×  " + card.kiosk.ui.close
        onClicked: card.closed()
    }
}
