pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk

// Heights of the terrils above the plain and depths of the shafts below it, side by side
// and to the same scale: the cones against the 852 m of shaft 11. A ruler every hundred
// or two hundred metres lets the visitor feel the scale; each item opens its card.
Rectangle {
    id: profile

    required property var kiosk
    required property var items

    readonly property real maxUp: Math.max(1, ...profile.items.map(i => Math.max(0, i.metres)))
    readonly property real maxDown: Math.max(1, ...profile.items.map(i => Math.max(0, -i.metres)))
    // Room for a figure and a name of up to three lines, above the highest cone and below the deepest shaft.
    readonly property real labelRoom: Theme.fontSmall * 5.6
    readonly property real sky: Theme.gutter + profile.labelRoom
    readonly property real pxPerMetre: (height - profile.sky - profile.labelRoom - Theme.gutter) / (profile.maxUp + profile.maxDown)
    readonly property real ground: profile.sky + profile.maxUp * profile.pxPerMetre
    readonly property real rulerWidth: Math.round(110 * Theme.scale)
    readonly property real column: (width - Theme.gutter * 2 - profile.rulerWidth) / Math.max(1, profile.items.length)
    // The ruler's step: 100 m, or 200 m when the deepest shaft goes far down.
    readonly property int step: profile.maxDown > 600 ? 200 : 100
    // Columns that rise above the plain (first, on the left): the sky right of them is free.
    readonly property int risen: profile.items.filter(i => i.metres > 0).length

    signal opened(string markerId)
    signal closed

    radius: Theme.radius
    color: Theme.surface

    // The underground, and the ruler's marks in it (their figures in a column on the left).
    Rectangle {
        x: Theme.gutter + profile.rulerWidth
        y: profile.ground
        width: profile.width - Theme.gutter * 2 - profile.rulerWidth
        height: profile.maxDown * profile.pxPerMetre
        color: Qt.tint(Theme.surface, Qt.alpha(Theme.sand, 0.06))
    }
    Repeater {
        model: Math.floor(profile.maxDown / profile.step)

        Item {
            id: mark
            required property int index
            readonly property int metres: (mark.index + 1) * profile.step
            x: Theme.gutter
            y: profile.ground + mark.metres * profile.pxPerMetre
            width: profile.width - Theme.gutter * 2

            Rectangle {
                x: profile.rulerWidth
                width: parent.width - profile.rulerWidth
                height: 1
                color: Theme.divider
            }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                width: profile.rulerWidth - Theme.spacing
                horizontalAlignment: Text.AlignRight
                text: "−" + mark.metres + " m"
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
            }
        }
    }
    // The plain.
    Rectangle {
        x: Theme.gutter + profile.rulerWidth
        y: profile.ground - height / 2
        width: profile.width - Theme.gutter * 2 - profile.rulerWidth
        height: Math.max(2, Math.round(3 * Theme.scale))
        color: Theme.sand
    }
    Text {
        x: Theme.gutter
        y: profile.ground - height / 2
        width: profile.rulerWidth - Theme.spacing
        horizontalAlignment: Text.AlignRight
        text: "0 m"
        textFormat: Text.PlainText
        color: Theme.sand
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontSmall
        font.weight: Font.DemiBold
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
            x: Theme.gutter + profile.rulerWidth + entry.index * profile.column
            y: 0
            width: profile.column
            height: profile.height

            Accessible.role: Accessible.Button
            Accessible.name: entry.modelData.title

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
                y: profile.ground
                width: Math.max(Math.round(14 * Theme.scale), entry.width * 0.22)
                height: entry.extent
                color: Theme.accent
            }
            Column {
                anchors.horizontalCenter: parent.horizontalCenter
                width: entry.width - Theme.spacing / 2
                y: entry.up ? profile.ground - entry.extent - height - Theme.spacing : profile.ground + entry.extent + Theme.spacing / 2
                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: (entry.modelData.approximate ? "≈ " : "") + Math.abs(Math.round(entry.modelData.metres)) + " m"
                    textFormat: Text.PlainText
                    // Narrow columns shrink their figure a little rather than overlap.
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: Math.round(20 * Theme.scale)
                    color: entry.up ? Theme.terril : Theme.accent
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontLabel
                    font.weight: Font.Bold
                }
                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: entry.modelData.title
                    textFormat: Text.PlainText
                    color: Theme.text
                    wrapMode: Text.WordWrap
                    maximumLineCount: 3
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

    // What the visitor sees, and the way back, in the free sky right of the cones (over
    // the columns, which reach up there to be easy to touch).
    KioskButton {
        id: back
        objectName: "profileClose"
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.gutter
        text: "←  " + profile.kiosk.ui.map
        onClicked: profile.closed()
    }
    Text {
        objectName: "profileNote"
        x: Theme.gutter + profile.rulerWidth + profile.risen * profile.column + Theme.gutter
        y: Theme.gutter
        width: back.x - x - Theme.gutter
        height: profile.ground - Theme.gutter * 2
        text: profile.kiosk.ui.profile_note
        textFormat: Text.PlainText
        color: Theme.textMuted
        wrapMode: Text.WordWrap
        elide: Text.ElideRight
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontSmall
    }

}
