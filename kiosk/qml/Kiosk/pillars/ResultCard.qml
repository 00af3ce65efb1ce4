pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// A result, opened: the figure and its unit, what it counts, what it compares with, the
// story behind it, its date and where it comes from.
Item {
    id: card

    required property KioskController kiosk
    required property SectionItem section
    required property var result

    readonly property bool hasDate: (card.result.date ?? "").length > 0

    objectName: "resultCard"

    // The control that had the focus before it opened: it gets it back on closing.
    property Item returnFocus: null

    Accessible.role: Accessible.Dialog
    Accessible.name: card.result.label ?? ""

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
        id: panel
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, Theme.readingWidth + Theme.margin * 2)
        height: Math.min(parent.height - Theme.spacing * 2, words.height + Theme.gutter * 3.5 + Theme.touchTarget)
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.borderWidth
        border.color: card.section.colour

        TapHandler {}

        Flickable {
            id: reading
            objectName: "resultReading"
            anchors.fill: parent
            anchors.margins: Theme.margin
            anchors.topMargin: Theme.gutter * 1.5
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
                width: reading.width
                spacing: Theme.spacing

                FigureLine {
                    width: parent.width
                    result: card.result
                    figureSize: Theme.fontDisplay
                    unitSize: Theme.fontHeading * 0.6
                }
                Text {
                    objectName: "resultCardLabel"
                    width: parent.width
                    text: card.result.label ?? ""
                    textFormat: Text.PlainText
                    color: Theme.text
                    wrapMode: Text.Wrap
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontLead
                    font.weight: Font.DemiBold
                }
                Text {
                    width: parent.width
                    visible: text.length > 0
                    text: card.result.comparison ?? ""
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontBody
                    font.italic: true
                }
                Text {
                    objectName: "resultDetail"
                    width: parent.width
                    visible: text.length > 0
                    topPadding: Theme.spacing
                    text: card.result.detail ?? ""
                    textFormat: Text.PlainText
                    color: Theme.text
                    wrapMode: Text.Wrap
                    lineHeight: Theme.lineHeight
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontBody
                }
                Rectangle {
                    width: parent.width
                    height: 1
                    color: Theme.divider
                }
                Text {
                    objectName: "resultDate"
                    width: parent.width
                    visible: card.hasDate
                    text: card.kiosk.ui.figure_date.arg(card.result.date ?? "")
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                }
                Text {
                    objectName: "resultSourceText"
                    width: parent.width
                    text: card.kiosk.ui.source_of.arg(card.result.source ?? "")
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                    font.italic: true
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
            objectName: "resultClose"
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
