pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// One pillar of the building: a capital, its name and what it means, a base. A touch opens it.
Rectangle {
    id: pillar

    required property var modelData
    required property KioskController kiosk
    required property color colour
    required property real capital
    required property real padding
    required property real titleSize
    // How tall the pillar must be for its words, capital and base included.
    readonly property real contentHeight: words.implicitHeight + (pillar.capital + pillar.padding) * 2

    objectName: "pillar-" + pillar.modelData.id
    radius: Math.round(Theme.radius / 3)
    color: pillar.kiosk.detail === pillar.modelData.id || tap.pressed ? Theme.surfaceRaised : Theme.surface
    border.width: Theme.borderWidth
    border.color: pillar.kiosk.detail === pillar.modelData.id || tap.pressed ? Theme.accent : Theme.divider

    Accessible.role: Accessible.Button
    Accessible.name: pillar.modelData.title
    Accessible.description: pillar.modelData.summary
    Accessible.onPressAction: pillar.kiosk.openDetail(pillar.modelData.id)
    activeFocusOnTab: true
    Keys.onReturnPressed: pillar.kiosk.openDetail(pillar.modelData.id)
    Keys.onEnterPressed: pillar.kiosk.openDetail(pillar.modelData.id)
    Keys.onSpacePressed: pillar.kiosk.openDetail(pillar.modelData.id)

    FocusRing {
        targetRadius: pillar.radius
    }

    // Capital and base, so it reads as a column.
    Rectangle {
        anchors.top: parent.top
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width + Theme.spacing
        height: pillar.capital
        radius: height / 3
        color: pillar.colour
    }
    Rectangle {
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width + Theme.spacing
        height: pillar.capital
        radius: height / 3
        color: pillar.colour
    }
    Column {
        id: words
        anchors.centerIn: parent
        width: parent.width - pillar.padding * 2
        spacing: Theme.spacing
        Text {
            objectName: "pillarName"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: pillar.modelData.title
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.Wrap
            font.family: Theme.serifFamily
            font.pixelSize: pillar.titleSize
            font.weight: Font.Bold
        }
        Text {
            objectName: "pillarSummary"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: pillar.modelData.summary
            textFormat: Text.PlainText
            color: Theme.textMuted
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight * 0.9
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
        }
    }
    TapHandler {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: pillar.kiosk.openDetail(pillar.modelData.id)
    }
}
