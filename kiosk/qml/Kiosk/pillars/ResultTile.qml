pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// One result of the method: its figure and unit, what it counts, and a "+" that says a touch
// opens more (its detail and its source). The figure counts up once when first shown.
Rectangle {
    id: tile

    required property var result
    // The lead result: a larger figure (and, when the tile is not `wide`, its comparison).
    property bool lead: false
    // Words beside the figure rather than under it (a lead tile across a landscape column).
    property bool wide: false
    // Starts when the page has finished arriving (see PillarsView), once.
    property bool start: false
    property real shown
    // Less motion: the figure is shown whole at once, never counted up.
    readonly property bool counting: counter.running || (!tile.start && !Theme.lessMotion)
    property real padding: Theme.spacing

    signal activated(string resultId)

    objectName: "result-" + tile.result.id
    implicitHeight: words.implicitHeight + tile.padding * 2
    radius: Theme.radius
    color: tap.pressed ? Theme.surfaceRaised : Theme.surface
    border.width: Theme.borderWidth
    border.color: tap.pressed ? Theme.accent : Theme.divider

    Accessible.role: Accessible.Button
    Accessible.name: figureLine.finalText + " " + tile.result.unit + " " + tile.result.label
    Accessible.onPressAction: tile.activated(tile.result.id)
    activeFocusOnTab: true
    Keys.onReturnPressed: tile.activated(tile.result.id)
    Keys.onEnterPressed: tile.activated(tile.result.id)
    Keys.onSpacePressed: tile.activated(tile.result.id)

    FocusRing {
        targetRadius: tile.radius
    }

    NumberAnimation on shown {
        id: counter
        from: 0
        to: tile.result.value
        duration: 1400
        easing.type: Easing.OutCubic
        loops: 1
        running: tile.start && !Theme.lessMotion
    }

    Item {
        id: words
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.margins: tile.padding
        height: words.implicitHeight
        implicitHeight: tile.wide ? Math.max(figureLine.height, label.y + label.height) : label.y + label.height + (comparison.visible ? comparison.height + Theme.spacing / 2 : 0)

        FigureLine {
            id: figureLine
            width: tile.wide ? Math.min(implicitWidth, words.width * 0.6) : words.width - more.width - Theme.spacing
            result: tile.result
            figureSize: tile.lead ? (tile.wide ? Theme.fontHeading : Theme.fontDisplay) : Math.round(Theme.fontHeading * 0.85)
            unitSize: tile.lead ? Theme.fontLead : Math.round(Theme.fontLead * 0.85)
            // While counting, a plain whole number; then the figure as the language writes it.
            figureText: (tile.result.approximate ? "≈ " : "") + (tile.counting && !counter.running ? "0" : counter.running ? Math.round(tile.shown) : tile.result.valueText)
        }
        Text {
            id: label
            objectName: "resultLabel"
            x: tile.wide ? figureLine.width + Theme.gutter : 0
            y: tile.wide ? Math.max(0, (figureLine.height - label.height) / 2) : figureLine.height + Theme.spacing / 2
            width: tile.wide ? words.width - label.x - more.width - Theme.spacing : words.width
            text: tile.result.label
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.Wrap
            font.family: Theme.sansFamily
            font.pixelSize: tile.lead ? Theme.fontBody : Theme.fontSmall
            font.weight: Font.DemiBold
        }
        Text {
            id: comparison
            anchors.top: label.bottom
            anchors.topMargin: Theme.spacing / 2
            width: words.width
            visible: tile.lead && !tile.wide && text.length > 0
            text: tile.result.comparison ?? ""
            textFormat: Text.PlainText
            color: Theme.textMuted
            wrapMode: Text.Wrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
            font.italic: true
        }
    }

    // "+": there is more behind this figure.
    Rectangle {
        id: more
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: tile.padding
        width: Math.round(Theme.touchTarget * 0.45)
        height: more.width
        radius: more.width / 2
        color: "transparent"
        border.width: Theme.borderWidth
        border.color: Theme.textMuted

        Rectangle {
            anchors.centerIn: parent
            width: more.width * 0.5
            height: Theme.borderWidth
            color: Theme.textMuted
        }
        Rectangle {
            anchors.centerIn: parent
            width: Theme.borderWidth
            height: more.width * 0.5
            color: Theme.textMuted
        }
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: tile.activated(tile.result.id)
    }
}
