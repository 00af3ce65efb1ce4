pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// An event opened: its date, title, story, picture with credit, and links to go further.
// Swipe sideways for the previous or next event; a touch outside the card closes it.
Item {
    id: card

    required property var kiosk
    required property var timeline
    required property int index

    readonly property bool shown: card.index >= 0
    readonly property var event: card.shown ? card.timeline.eventAt(card.index, card.kiosk.language) : ({})
    readonly property bool hasMedia: (card.event.media ?? "").length > 0

    function go(delta: int): void {
        const target = card.index + delta;
        if (target >= 0 && target < card.timeline.count)
            card.kiosk.openDetail(card.timeline.idAt(target));
    }

    visible: card.shown || card.opacity > 0

    Component {
        id: linksBlock
        Column {
            spacing: Theme.spacing
            Text {
                visible: (card.event.related ?? []).length > 0
                text: card.kiosk.ui.related
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
            }
            Flow {
                id: eventLinks
                width: parent.width
                spacing: Theme.spacing
                Repeater {
                    model: card.event.related ?? []
                    KioskButton {
                        required property var modelData
                        objectName: "link-" + modelData.link
                        text: modelData.label + "  →"
                        width: Math.min(implicitWidth, eventLinks.width)
                        onClicked: card.kiosk.openLink(modelData.link)
                    }
                }
            }
        }
    }
    opacity: card.shown ? 1 : 0

    Behavior on opacity {
        OpacityAnimator {
            duration: Theme.transitionMs
        }
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
    }
    TapHandler {
        enabled: card.shown
        onTapped: card.kiosk.closeDetail()
    }

    Rectangle {
        id: panel
        objectName: "eventPanel"
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, Math.round(1560 * Theme.scale))
        height: parent.height - Theme.spacing * 2
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.borderWidth
        border.color: card.event.colour ?? Theme.divider

        // Taps on the card stay on the card.
        TapHandler {
            enabled: card.shown
        }
        DragHandler {
            id: swipe
            property real travelled: 0
            target: null
            xAxis.enabled: true
            yAxis.enabled: false
            onActiveTranslationChanged: swipe.travelled = swipe.activeTranslation.x
            onActiveChanged: {
                if (swipe.active) {
                    swipe.travelled = 0;
                    return;
                }
                if (swipe.travelled < -Theme.touchTarget * 1.5)
                    card.go(1);
                else if (swipe.travelled > Theme.touchTarget * 1.5)
                    card.go(-1);
            }
        }

        MediaImage {
            id: picture
            objectName: "eventPicture"
            visible: card.hasMedia
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.margins: Theme.gutter
            width: card.hasMedia ? Math.round(parent.width * 0.42) : 0
            // The picture gives way to the credit and the links below it.
            height: Math.max(Theme.touchTarget * 2, Math.min(Math.round(width * 0.75),
                parent.height - credit.height - sideLinks.height - Theme.gutter * 4))
            source: card.shown ? (card.event.media ?? "") : ""
            alt: card.event.mediaAlt ?? ""
            fit: card.event.mediaFit ?? "cover"
        }
        Text {
            id: credit
            visible: card.hasMedia
            anchors.left: picture.left
            anchors.right: picture.right
            anchors.top: picture.bottom
            anchors.topMargin: Theme.spacing
            text: [card.event.mediaCredit ?? "", card.event.mediaLicence ?? ""].filter(part => part.length > 0).join("  ·  ")
            textFormat: Text.PlainText
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
            font.italic: true
        }

        // With a picture, the links sit under it, always in view.
        Loader {
            id: sideLinks
            anchors.left: picture.left
            anchors.right: picture.right
            anchors.top: credit.bottom
            anchors.topMargin: Theme.gutter
            active: card.hasMedia
            sourceComponent: linksBlock
        }

        Flickable {
            id: reading
            anchors.left: card.hasMedia ? picture.right : parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.bottom: buttons.top
            anchors.margins: Theme.gutter
            anchors.leftMargin: card.hasMedia ? Theme.margin : Theme.margin
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
                    width: parent.width
                    text: card.event.eraTitle ?? ""
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    elide: Text.ElideRight
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                    font.weight: Font.DemiBold
                    font.capitalization: Font.AllUppercase
                    font.letterSpacing: 1.5
                }
                Text {
                    objectName: "eventDate"
                    width: parent.width
                    text: card.event.dateLabel ?? ""
                    textFormat: Text.PlainText
                    color: card.event.colour ?? Theme.accent
                    wrapMode: Text.WordWrap
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontLead
                    font.weight: Font.Bold
                }
                Text {
                    objectName: "eventTitle"
                    width: parent.width
                    text: card.event.title ?? ""
                    textFormat: Text.PlainText
                    color: Theme.text
                    wrapMode: Text.Wrap
                    maximumLineCount: 3
                    elide: Text.ElideRight
                    font.family: Theme.serifFamily
                    font.pixelSize: Theme.fontHeading
                    font.weight: Font.Bold
                }
                Text {
                    objectName: "eventText"
                    width: parent.width
                    text: card.event.text ?? ""
                    textFormat: Text.PlainText
                    color: Theme.text
                    wrapMode: Text.Wrap
                    lineHeight: Theme.lineHeight
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontBody
                }
                // Without a picture, the links follow the text.
                Loader {
                    width: parent.width
                    active: !card.hasMedia
                    sourceComponent: linksBlock
                }
            }
        }

        MoreBelow {
            flick: reading
            ground: Theme.surface
        }

        Row {
            id: buttons
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Theme.gutter
            spacing: Theme.spacing

            KioskButton {
                objectName: "eventPrevious"
                text: "‹  " + card.kiosk.ui.previous
                enabled: card.index > 0
                opacity: enabled ? 1 : 0.4
                onClicked: card.go(-1)
            }
            KioskButton {
                objectName: "eventNext"
                text: card.kiosk.ui.next + "  ›"
                enabled: card.index < card.timeline.count - 1
                opacity: enabled ? 1 : 0.4
                onClicked: card.go(1)
            }
            KioskButton {
                objectName: "eventClose"
                primary: true
                text: "×  " + card.kiosk.ui.close
                onClicked: card.kiosk.closeDetail()
            }
        }
    }
}
