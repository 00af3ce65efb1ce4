pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk
import Kiosk.Bridge

// The method drawn as a building: a pediment with its name, pillars, a foundation. Every
// text is whole: the titles of the pillars share one size, small enough for their longest
// word, and `minimumHeight` says how tall the building must be for every text to fit.
Item {
    id: building

    required property KioskController kiosk
    required property SectionItem section
    readonly property PillarsController method: building.section.controller as PillarsController

    property real pedimentHeight: Math.round(Theme.touchTarget * 1.1)
    readonly property real capital: Theme.spacing
    readonly property int count: building.method.pillars.length
    readonly property real inset: Theme.gutter
    readonly property real pillarWidth: (building.width - building.inset * 2 - (building.count - 1) * Theme.gutter) / Math.max(1, building.count)
    readonly property real pillarPadding: Theme.spacing
    readonly property real textWidth: building.pillarWidth - building.pillarPadding * 2
    // One size for every pillar's title: the largest at which its longest word fits.
    readonly property real widestWord: {
        let widest = 1;
        for (const pillar of building.method.pillars)
            for (const word of pillar.title.split(/[ \n]+/))
                widest = Math.max(widest, titleMetrics.advanceWidth(word));
        return widest;
    }
    readonly property real titleSize: Math.max(Theme.fontSmall, Math.floor(titleMetrics.font.pixelSize * Math.min(1, building.textWidth / building.widestWord)))
    readonly property real tallestPillar: {
        let tallest = 0;
        for (let i = 0; i < pillars.count; ++i) {
            const pillar = pillars.itemAt(i) as PillarColumn;
            if (pillar)
                tallest = Math.max(tallest, pillar.contentHeight);
        }
        return tallest;
    }
    readonly property real minimumHeight: building.pedimentHeight + Theme.spacing * 2 + building.tallestPillar + foundation.height

    FontMetrics {
        id: titleMetrics
        font.family: Theme.serifFamily
        font.pixelSize: Math.round(Theme.fontLead * 0.9)
        font.weight: Font.Bold
    }

    Shape {
        id: pediment
        width: building.width
        height: building.pedimentHeight
        preferredRendererType: Shape.SoftwareRenderer
        ShapePath {
            fillColor: Theme.surfaceRaised
            strokeColor: Theme.accent
            strokeWidth: Theme.borderWidth
            startX: 0
            startY: pediment.height
            PathLine { x: pediment.width / 2; y: 0 }
            PathLine { x: pediment.width; y: pediment.height }
            PathLine { x: 0; y: pediment.height }
        }
    }
    Text {
        objectName: "buildingTitle"
        anchors.horizontalCenter: pediment.horizontalCenter
        anchors.bottom: pediment.bottom
        anchors.bottomMargin: Theme.spacing
        width: pediment.width * 0.4
        horizontalAlignment: Text.AlignHCenter
        text: building.section.title
        textFormat: Text.PlainText
        color: Theme.text
        wrapMode: Text.Wrap
        font.family: Theme.serifFamily
        font.pixelSize: Theme.fontLabel
        font.weight: Font.Bold
    }

    Row {
        id: columns
        anchors.top: pediment.bottom
        anchors.bottom: foundation.top
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.topMargin: Theme.spacing
        anchors.bottomMargin: Theme.spacing
        spacing: Theme.gutter

        Repeater {
            id: pillars
            model: building.method.pillars

            PillarColumn {
                kiosk: building.kiosk
                colour: building.section.colour
                width: building.pillarWidth
                height: columns.height
                capital: building.capital
                padding: building.pillarPadding
                titleSize: building.titleSize
            }
        }
    }

    Rectangle {
        id: foundation
        objectName: "foundation"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: foundationWords.height + Theme.gutter
        visible: (building.method.foundation.id ?? "").length > 0
        radius: Math.round(Theme.radius / 3)
        color: building.kiosk.detail === (building.method.foundation.id ?? "") || foundationTap.pressed ? Theme.surfaceRaised : Theme.surface
        border.width: Theme.borderWidth
        border.color: foundationTap.pressed ? Theme.accent : building.section.colour

        Accessible.role: Accessible.Button
        Accessible.name: building.method.foundation.title ?? ""
        Accessible.description: building.method.foundation.summary ?? ""
        Accessible.onPressAction: building.kiosk.openDetail(building.method.foundation.id)
        activeFocusOnTab: true
        Keys.onReturnPressed: building.kiosk.openDetail(building.method.foundation.id)
        Keys.onEnterPressed: building.kiosk.openDetail(building.method.foundation.id)
        Keys.onSpacePressed: building.kiosk.openDetail(building.method.foundation.id)

        FocusRing {
            targetRadius: foundation.radius
        }

        Column {
            id: foundationWords
            anchors.centerIn: parent
            width: parent.width - Theme.margin
            spacing: Math.round(Theme.spacing / 4)
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: building.method.foundation.title ?? ""
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.Wrap
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontLead
                font.weight: Font.Bold
            }
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: building.method.foundation.summary ?? ""
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.Wrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
            }
        }
        TapHandler {
            id: foundationTap
            gesturePolicy: TapHandler.ReleaseWithinBounds
            onTapped: building.kiosk.openDetail(building.method.foundation.id)
        }
    }
}
