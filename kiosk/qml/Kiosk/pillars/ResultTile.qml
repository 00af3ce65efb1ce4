import QtQuick
import Kiosk

// One result of the method: its figure counts up once when first shown, then stays still.
Rectangle {
    id: tile

    required property var result
    property real shown
    readonly property bool counting: counter.running || !tile.start

    signal activated(string resultId)

    objectName: "result-" + tile.result.id
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.divider

    // Starts when the page has finished arriving (see PillarsView), once.
    property bool start: false

    NumberAnimation on shown {
        id: counter
        from: 0
        to: tile.result.value
        duration: 1400
        easing.type: Easing.OutCubic
        loops: 1
        running: tile.start
    }

    Column {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        anchors.leftMargin: Theme.gutter
        spacing: Math.round(2 * Theme.scale)

        Text {
            objectName: "figure"
            width: parent.width
            // While counting, a plain whole number; then the figure as the language writes it.
            text: (tile.result.approximate ? "≈ " : "") + (!tile.start ? "0" : counter.running ? Math.round(tile.shown) : tile.result.valueText)
            textFormat: Text.PlainText
            color: Theme.accent
            elide: Text.ElideRight
            font.family: Theme.serifFamily
            font.pixelSize: Math.round(Theme.fontHeading * 0.75)
            font.weight: Font.Bold
        }
        Text {
            width: parent.width
            text: tile.result.unit + "  " + tile.result.label
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
            font.weight: Font.DemiBold
        }
        Text {
            width: parent.width
            visible: text.length > 0
            text: tile.result.comparison
            textFormat: Text.PlainText
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            maximumLineCount: 1
            elide: Text.ElideRight
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
            font.italic: true
        }
    }

    TapHandler {
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: tile.activated(tile.result.id)
    }
}
