pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk

// Heights of the terrils above the plain and depths of the shafts below it, side by side
// and to the same scale: the cones against the 852 m of shaft 11.
Rectangle {
    id: profile

    required property var kiosk
    required property var items

    readonly property real maxUp: Math.max(1, ...profile.items.map(i => Math.max(0, i.metres)))
    readonly property real maxDown: Math.max(1, ...profile.items.map(i => Math.max(0, -i.metres)))
    readonly property real labelRoom: Math.round(110 * Theme.scale)
    readonly property real pxPerMetre: (height - profile.labelRoom * 2 - Theme.gutter * 2) / (profile.maxUp + profile.maxDown)
    readonly property real ground: Theme.gutter + profile.labelRoom + profile.maxUp * profile.pxPerMetre
    readonly property real column: (width - Theme.gutter * 2) / Math.max(1, profile.items.length)

    signal opened(string markerId)

    radius: Theme.radius
    color: Theme.surface

    // The plain.
    Rectangle {
        x: Theme.gutter
        y: profile.ground
        width: profile.width - Theme.gutter * 2
        height: Math.max(2, Math.round(3 * Theme.scale))
        color: Theme.sand
    }
    // The underground.
    Rectangle {
        x: Theme.gutter
        y: profile.ground + 3
        width: profile.width - Theme.gutter * 2
        height: profile.maxDown * profile.pxPerMetre
        color: Qt.alpha(Theme.sand, 0.06)
    }

    Repeater {
        model: profile.items

        Item {
            id: entry
            required property var modelData
            required property int index
            readonly property bool up: entry.modelData.metres > 0
            readonly property real extent: Math.abs(entry.modelData.metres) * profile.pxPerMetre

            objectName: "profile-" + entry.modelData.id
            x: Theme.gutter + entry.index * profile.column
            y: 0
            width: profile.column
            height: profile.height

            Shape {
                visible: entry.up
                x: Theme.spacing / 2
                y: profile.ground - entry.extent
                width: entry.width - Theme.spacing
                height: entry.extent
                preferredRendererType: Shape.SoftwareRenderer
                ShapePath {
                    fillColor: Theme.terril
                    strokeColor: Theme.background
                    strokeWidth: 1
                    startX: 0
                    startY: entry.extent
                    PathLine { x: (entry.width - Theme.spacing) / 2; y: 0 }
                    PathLine { x: entry.width - Theme.spacing; y: entry.extent }
                    PathLine { x: 0; y: entry.extent }
                }
            }
            Rectangle {
                visible: !entry.up
                anchors.horizontalCenter: parent.horizontalCenter
                y: profile.ground + 3
                width: Math.max(Math.round(14 * Theme.scale), entry.width * 0.22)
                height: entry.extent
                color: Theme.accent
            }
            Column {
                anchors.horizontalCenter: parent.horizontalCenter
                width: entry.width - Theme.spacing
                y: entry.up ? profile.ground - entry.extent - height - Theme.spacing : profile.ground + 3 + entry.extent + Theme.spacing
                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: (entry.modelData.approximate ? "≈ " : "") + Math.abs(Math.round(entry.modelData.metres)) + " m"
                    textFormat: Text.PlainText
                    // Narrow columns shrink their figure a little rather than overlap.
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: Math.round(18 * Theme.scale)
                    color: entry.up ? Theme.terril : Theme.accent
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                    font.weight: Font.Bold
                }
                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: entry.modelData.title
                    textFormat: Text.PlainText
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: Math.round(18 * Theme.scale)
                    color: Theme.text
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                }
            }
            TapHandler {
                gesturePolicy: TapHandler.ReleaseWithinBounds
                onTapped: profile.opened(entry.modelData.id)
            }
        }
    }
}
