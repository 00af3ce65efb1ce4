pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// Home: the exhibit's title, an invitation, and one large tile per section.
Item {
    id: page

    required property var kiosk

    objectName: "homePage"
    // While it fades in, the page is drawn once into a layer and the fade blends
    // that one picture, instead of redrawing every text and image at each frame.
    layer.enabled: StackView.status === StackView.Activating

    Backdrop {
        anchors.fill: parent
        source: page.kiosk.backdrop
        shade: 0.5
    }

    // Who made what, where the facts come from: one touch away, out of the visitor's path.
    KioskButton {
        objectName: "creditsButton"
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.top: parent.top
        anchors.topMargin: Math.round((Theme.topBarHeight - Theme.touchTarget) / 2)
        text: page.kiosk.ui.credits
        onClicked: page.kiosk.openCredits()
    }

    Column {
        id: heading
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.topMargin: Theme.topBarHeight
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.spacing

        Text {
            width: parent.width
            text: page.kiosk.title
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontDisplay
            font.weight: Font.Bold
        }
        Text {
            width: parent.width
            text: page.kiosk.subtitle
            textFormat: Text.PlainText
            visible: text.length > 0
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLead
        }
    }

    Text {
        id: invitation
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: heading.bottom
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.topMargin: Theme.gutter
        text: page.kiosk.invitation
        textFormat: Text.PlainText
        color: Theme.accent
        wrapMode: Text.WordWrap
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontLead
        font.weight: Font.DemiBold
    }

    Grid {
        id: tiles
        readonly property int count: page.kiosk.sectionCount
        readonly property int perRow: page.width >= page.height ? Math.max(1, count) : Math.min(2, Math.max(1, count))
        readonly property int rowCount: Math.ceil(count / perRow)
        readonly property real tileWidth: (width - (perRow - 1) * columnSpacing) / perRow
        readonly property real tileHeight: (height - (rowCount - 1) * rowSpacing) / Math.max(1, rowCount)

        anchors.top: invitation.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.topMargin: Theme.gutter
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.margin
        columns: perRow
        columnSpacing: Theme.gutter
        rowSpacing: Theme.gutter

        Repeater {
            model: page.kiosk.sections

            SectionTile {
                objectName: "tile-" + kind
                required property string kind
                width: tiles.tileWidth
                height: tiles.tileHeight
                onActivated: index => page.kiosk.openSection(index)
            }
        }
    }
}
