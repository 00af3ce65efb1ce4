pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// The attract screen's slow tour of the timeline: a strip of dated postcards drifting by,
// oldest first, then again. One animator moves the whole strip: nothing is redrawn per card.
Item {
    id: tour

    required property TimelineController timeline
    property int secondsPerCard: 4

    // Read again when the language changes: the postcards speak the screen's language.
    readonly property var cards: tour.timeline.language.length >= 0 ? tour.timeline.tour(24) : []
    readonly property real cardWidth: Math.round(420 * Theme.scale)

    // Room for the date and three lines of title: titles wrap, never cut.
    height: Math.round(Theme.gutter * 2 + Theme.spacing / 2 + Theme.fontLabel * Theme.lineHeight * 4)
    clip: true

    Row {
        id: strip
        objectName: "tourStrip"
        // The postcards drift in and out at the edges on purpose: the screen audit
        // (kiosk snapshot --audit) does not count them as cut or off screen.
        property bool auditMoving: true
        spacing: Theme.gutter
        x: tour.width * 0.5

        Repeater {
            model: tour.cards

            Rectangle {
                id: postcard
                required property var modelData
                width: tour.cardWidth
                height: tour.height
                radius: Theme.radius
                color: Qt.rgba(0.11, 0.13, 0.15, 0.88)
                border.width: Theme.borderWidth
                border.color: postcard.modelData.colour

                Column {
                    anchors.fill: parent
                    anchors.margins: Theme.gutter
                    spacing: Theme.spacing / 2
                    Text {
                        width: parent.width
                        text: postcard.modelData.dateLabel
                        textFormat: Text.PlainText
                        color: postcard.modelData.colour
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontLabel
                        font.weight: Font.Bold
                    }
                    Text {
                        objectName: "tourTitle"
                        width: parent.width
                        text: postcard.modelData.title
                        textFormat: Text.PlainText
                        color: Theme.text
                        wrapMode: Text.WordWrap
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontLabel
                        font.weight: Font.Medium
                    }
                }
            }
        }
    }

    XAnimator {
        target: strip
        from: tour.width * 0.5
        to: -strip.width
        duration: Math.max(1, tour.cards.length) * tour.secondsPerCard * 1000
        loops: Animation.Infinite
        running: tour.visible && tour.cards.length > 0 && !Theme.lessMotion
    }
}
