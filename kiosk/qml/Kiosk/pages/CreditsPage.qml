pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// Credits: every picture's author and licence, the map data's attribution, the sources of
// the facts, and the kiosk's own fonts and software. Generated from the content.
Rectangle {
    id: page

    required property var kiosk
    readonly property var credits: page.kiosk.credits(page.kiosk.language)

    objectName: "creditsPage"
    color: Theme.background

    KioskButton {
        objectName: "homeButton"
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.top: parent.top
        anchors.topMargin: Math.round((Theme.topBarHeight - Theme.touchTarget) / 2)
        text: "←  " + page.kiosk.ui.home
        onClicked: page.kiosk.goHome()
    }

    Flickable {
        id: reading
        objectName: "creditsText"
        anchors.fill: parent
        anchors.topMargin: Theme.topBarHeight
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.spacing
        contentHeight: columns.height
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.VerticalFlick
        ScrollIndicator.vertical: ScrollIndicator {
            active: reading.contentHeight > reading.height
        }

        Column {
            id: columns
            width: reading.width - Theme.gutter
            spacing: Theme.gutter

            Text {
                width: parent.width
                text: page.kiosk.ui.credits
                textFormat: Text.PlainText
                color: Theme.text
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontHeading
                font.weight: Font.Bold
            }
            Repeater {
                model: [
                    { "title": page.kiosk.ui.credits_pictures, "lines": page.credits.pictures ?? [] },
                    { "title": page.kiosk.ui.credits_data, "lines": page.credits.data ?? [] },
                    { "title": page.kiosk.ui.credits_sources, "lines": page.credits.sources ?? [] },
                    { "title": page.kiosk.ui.credits_software, "lines": page.credits.software ?? [] }
                ]
                Column {
                    id: block
                    required property var modelData
                    visible: block.modelData.lines.length > 0
                    width: columns.width
                    spacing: Theme.spacing / 2
                    Text {
                        width: parent.width
                        text: block.modelData.title
                        textFormat: Text.PlainText
                        color: Theme.accent
                        font.family: Theme.sansFamily
                        font.pixelSize: Theme.fontLead
                        font.weight: Font.DemiBold
                    }
                    Repeater {
                        model: block.modelData.lines
                        Text {
                            required property string modelData
                            width: block.width
                            text: modelData
                            textFormat: Text.PlainText
                            color: Theme.text
                            wrapMode: Text.Wrap
                            font.family: Theme.sansFamily
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                }
            }
        }
    }

    MoreBelow {
        flick: reading
        ground: Theme.background
    }
}
