pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk
import Kiosk.Bridge

// Heights of the terrils above the plain and depths of the shafts below it, side by side
// and to the same scale: the cones against the 852 m of shaft 11. A ruler every hundred
// or two hundred metres lets the visitor feel the scale; each item opens its card.
//
// What it says and the way back stand in a row on top; the drawing fills the rest. On a
// wide screen each name stands under its own column. On an upright screen the columns are
// narrow, so each name stands left of its column's end, over the shallower columns (their
// ground is free there), stacked downwards where two ends are close, with a thin line to
// its column when it had to move; the ruler's figures go to the right.
Rectangle {
    id: profile

    required property KioskController kiosk
    required property var items

    // Upright from the room it is given (not its own height, which may grow to leastHeight).
    property bool upright: profile.height > profile.width
    // Side by side, a shaft's column would be narrower than the deepest figure it must hold
    // on one line (larger text in a wide, low band: every mode on an upright screen): the
    // page then draws it upright, where each figure stands aside, over the shallower columns.
    readonly property bool crowded: (profile.width - Theme.gutter * 2 - profile.rulerWidth)
        / Math.max(1, profile.items.length - profile.risen + profile.risen * 1.7) - Theme.spacing / 2
        < depthWords.advanceWidth
    readonly property real maxUp: Math.max(1, ...profile.items.map(i => Math.max(0, i.metres)))
    readonly property real maxDown: Math.max(1, ...profile.items.map(i => Math.max(0, -i.metres)))
    readonly property int risen: profile.items.filter(i => i.metres > 0).length
    // A column that rises (a cone) is wider than a shaft's: its figure and name sit over it.
    readonly property real coneShare: profile.upright ? (Theme.largerText ? 2.7 : 2.2) : 1.7
    readonly property real rulerWidth: Math.round(110 * Theme.scale)
    readonly property real chartLeft: profile.upright ? Theme.gutter : Theme.gutter + profile.rulerWidth
    readonly property real chartWidth: profile.width - Theme.gutter * 2 - profile.rulerWidth
    readonly property real unit: profile.chartWidth / Math.max(1, profile.items.length - profile.risen
        + profile.risen * profile.coneShare)
    // A label: a line of figure and up to three of name (a shaft's name on one line when upright).
    readonly property real figureLine: Math.ceil(Theme.fontLabel * 1.25)
    readonly property real nameLine: Math.ceil(Theme.fontSmall * 1.25)
    // (Upright with larger text a cone's figure may take two lines: its unit under it.)
    readonly property real labelHeight: profile.figureLine * (profile.upright && Theme.largerText ? 2 : 1) + profile.nameLine * 3
    readonly property real asideHeight: profile.figureLine + (profile.shaftNames ? profile.nameLine : 0)
    readonly property real labelGap: Theme.spacing / 2
    // The drawing: from the top (wide: the words stand in the sky right of the cones) or
    // under the row of words (upright), to the panel's bottom.
    readonly property real chartTop: profile.upright ? header.y + header.height + Theme.gutter : Theme.gutter
    readonly property real sky: profile.chartTop + profile.labelHeight + profile.labelGap
    // Larger text: a shaft's column (wide screen), or the room left of it (upright), is too
    // narrow for its name, which its card (a touch away) gives; its depth stays.
    readonly property bool shaftNames: !Theme.largerText
    readonly property real below: profile.upright ? profile.asideHeight / 2
        : (profile.shaftNames ? profile.labelHeight : profile.figureLine * 2) + profile.labelGap
    readonly property real pxPerMetre: Math.max(0, profile.height - Theme.gutter - profile.below - profile.sky)
        / (profile.maxUp + profile.maxDown)
    readonly property real ground: profile.sky + profile.maxUp * profile.pxPerMetre
    // The ruler's step: 100 m, or 200 m when the deepest shaft goes far down.
    readonly property int step: profile.maxDown > 600 ? 200 : 100
    // Upright: where each name stands (its top), stacked down so that none overlaps the last,
    // then up from the bottom edge where the stack would reach past it.
    readonly property var labelTops: {
        let last = -Infinity;
        const tops = profile.items.map(item => {
            if (item.metres > 0)
                return 0;
            const top = Math.max(profile.ground + Math.abs(item.metres) * profile.pxPerMetre - profile.asideHeight / 2,
                last + profile.labelGap);
            last = top + profile.asideHeight;
            return top;
        });
        let next = profile.height - Theme.spacing + profile.labelGap;
        for (let i = tops.length - 1; i >= 0; --i) {
            if (profile.items[i].metres > 0)
                continue;
            tops[i] = Math.min(tops[i], next - profile.labelGap - profile.asideHeight);
            next = tops[i];
        }
        return tops;
    }
    // Below this height the drawing cannot be read (every mode on a small screen): the map
    // page lets it scroll. Upright, the shafts' labels need their stack.
    readonly property real leastHeight: profile.upright
        ? header.height + Theme.gutter * 3 + profile.labelHeight + profile.labelGap
            + (profile.items.length - profile.risen) * (profile.asideHeight + profile.labelGap)
        : Math.round(520 * Theme.scale * Theme.textScale)

    function columnX(index: int): real {
        const cones = Math.min(index, profile.risen);
        return profile.chartLeft + (cones * profile.coneShare + (index - cones)) * profile.unit;
    }

    signal opened(string markerId)
    signal closed

    // Opened: the way back takes the focus (keys then go through the columns).
    function takeFocus(): void {
        back.forceActiveFocus(Qt.OtherFocusReason);
    }

    radius: Theme.radius
    color: Theme.surface

    TextMetrics {
        id: depthWords
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontLabel
        font.weight: Font.Bold
        // With names, "852 m" stays on one line; without (larger text), the unit may go under.
        text: Math.round(profile.maxDown) + (profile.shaftNames ? "\u00a0m" : "")
    }

    // What the drawing shows, and the way back to the map.
    Item {
        id: header
        // Over the columns, which reach up into the sky to be easy to touch.
        z: 1
        x: profile.upright ? Theme.gutter : profile.columnX(profile.risen) + Theme.gutter
        y: Theme.gutter
        width: profile.width - Theme.gutter - x
        height: Math.max(back.height, note.implicitHeight)

        Text {
            id: note
            objectName: "profileNote"
            width: back.x - Theme.gutter
            text: profile.kiosk.ui.profile_note
            textFormat: Text.PlainText
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontSmall
        }
        KioskButton {
            id: back
            objectName: "profileClose"
            anchors.right: parent.right
            text: "←  " + profile.kiosk.ui.map
            onClicked: profile.closed()
        }
    }

    // The underground, and the ruler's marks in it (their figures in a column beside it).
    Rectangle {
        x: profile.chartLeft
        y: profile.ground
        width: profile.chartWidth
        height: profile.maxDown * profile.pxPerMetre
        color: Qt.tint(Theme.surface, Qt.alpha(Theme.sand, 0.06))
    }
    Repeater {
        model: Math.floor(profile.maxDown / profile.step)

        Item {
            id: mark
            required property int index
            readonly property int metres: (mark.index + 1) * profile.step
            x: profile.chartLeft
            y: profile.ground + mark.metres * profile.pxPerMetre
            width: profile.chartWidth

            Rectangle {
                width: parent.width
                height: 1
                color: Theme.divider
            }
            Text {
                x: profile.upright ? parent.width + Theme.spacing : -profile.rulerWidth
                anchors.verticalCenter: parent.verticalCenter
                width: profile.rulerWidth - Theme.spacing
                horizontalAlignment: profile.upright ? Text.AlignLeft : Text.AlignRight
                text: "−" + mark.metres + "\u00a0m"
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
            }
        }
    }
    // The plain.
    Rectangle {
        x: profile.chartLeft
        y: profile.ground - height / 2
        width: profile.chartWidth
        height: Math.max(2, Math.round(3 * Theme.scale))
        color: Theme.sand
    }
    Text {
        x: profile.upright ? profile.chartLeft + profile.chartWidth + Theme.spacing : Theme.gutter
        y: profile.ground - height / 2
        width: profile.rulerWidth - Theme.spacing
        horizontalAlignment: profile.upright ? Text.AlignLeft : Text.AlignRight
        text: "0\u00a0m"
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
            readonly property real end: entry.up ? profile.ground - entry.extent : profile.ground + entry.extent
            readonly property real barWidth: Math.max(Math.round(14 * Theme.scale), entry.width * 0.22)
            // Upright, a shaft's name stands left of its column's end (see labelTops).
            readonly property bool aside: profile.upright && !entry.up
            // As wide as the shallower columns left of it allow: one line of name.
            readonly property real asideWidth: x + width / 2 - entry.barWidth / 2 - Theme.spacing * 1.5 - profile.chartLeft

            objectName: "profile-" + entry.modelData.id
            x: profile.columnX(entry.index)
            y: 0
            width: (entry.up ? profile.coneShare : 1) * profile.unit
            height: profile.height

            Accessible.role: Accessible.Button
            // Its name and its figure, as the drawing shows them ("Puits n° 11, 852 m").
            Accessible.name: entry.modelData.title + ", " + (entry.modelData.approximate ? "≈ " : "")
                + Math.abs(Math.round(entry.modelData.metres)) + " m"
            Accessible.onPressAction: profile.opened(entry.modelData.id)
            // Keys: each column in its turn, Enter opens its card; the ring goes round what
            // the visitor sees of it (the cone or the bar, and its figure and name).
            activeFocusOnTab: true
            Keys.onReturnPressed: profile.opened(entry.modelData.id)
            Keys.onEnterPressed: profile.opened(entry.modelData.id)
            Keys.onSpacePressed: profile.opened(entry.modelData.id)

            Item {
                id: seen
                readonly property real upper: Math.min(words.y, hit.y)
                x: Math.min(0, words.x)
                y: seen.upper
                width: Math.max(entry.width, words.x + words.width) - seen.x
                height: Math.max(words.y + words.height, hit.y + hit.height) - seen.upper
            }
            FocusRing {
                target: seen
                visible: Theme.focusVisible && entry.activeFocus
            }

            Shape {
                visible: entry.up
                x: Theme.spacing / 2
                y: entry.end
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
                id: shaft
                visible: !entry.up
                anchors.horizontalCenter: parent.horizontalCenter
                y: profile.ground
                width: entry.barWidth
                height: entry.extent
                color: Theme.accent
            }
            // Upright: from the column's end to its name, when the name had to move down.
            Rectangle {
                visible: entry.aside && words.y - entry.end > profile.asideHeight / 2
                x: shaft.x - Theme.spacing
                y: entry.end
                width: Math.max(1, Math.round(2 * Theme.scale))
                height: words.y + profile.figureLine / 2 - entry.end
                color: Theme.textMuted
            }
            Rectangle {
                visible: entry.aside
                x: shaft.x - Theme.spacing
                y: entry.aside ? Math.min(entry.end, words.y + profile.figureLine / 2) : 0
                width: Theme.spacing
                height: Math.max(1, Math.round(2 * Theme.scale))
                color: Theme.textMuted
            }
            Column {
                id: words
                objectName: "profileWords-" + entry.modelData.id
                x: entry.aside ? shaft.x - Theme.spacing * 1.5 - entry.asideWidth : Theme.spacing / 4
                width: entry.aside ? entry.asideWidth : entry.width - Theme.spacing / 2
                y: entry.aside ? profile.labelTops[entry.index] ?? 0
                    : entry.up ? entry.end - height - profile.labelGap : entry.end + profile.labelGap
                Text {
                    width: parent.width
                    horizontalAlignment: entry.aside ? Text.AlignRight : Text.AlignHCenter
                    // Without names, the unit may go under the figure in a narrow column.
                    text: (entry.modelData.approximate ? "≈\u00a0" : "") + Math.abs(Math.round(entry.modelData.metres))
                        + (profile.shaftNames || (entry.up && !profile.upright) ? "\u00a0m" : " m")
                    textFormat: Text.PlainText
                    wrapMode: Text.WordWrap
                    color: entry.up ? Theme.terril : Theme.accent
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontLabel
                    font.weight: Font.Bold
                }
                Text {
                    width: parent.width
                    visible: profile.shaftNames || entry.up
                    horizontalAlignment: entry.aside ? Text.AlignRight : Text.AlignHCenter
                    text: entry.modelData.title
                    textFormat: Text.PlainText
                    color: Theme.text
                    wrapMode: Text.WordWrap
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                }
                TapHandler {
                    gesturePolicy: TapHandler.ReleaseWithinBounds
                    onTapped: profile.opened(entry.modelData.id)
                }
            }
            // Touched where a visitor sees it: the cone or the bar, and its figure and name
            // (the words below); never where a neighbour's name or the header lie.
            Item {
                id: hit
                objectName: "profileHit-" + entry.modelData.id
                y: entry.up ? entry.end : profile.ground
                width: entry.width
                height: entry.extent
                TapHandler {
                    gesturePolicy: TapHandler.ReleaseWithinBounds
                    onTapped: profile.opened(entry.modelData.id)
                }
            }
        }
    }

    // Upright: which colour is which, in the sky right of the cones.
    Column {
        visible: profile.upright
        x: profile.columnX(profile.risen) + Theme.gutter
        y: profile.chartTop
        width: profile.chartLeft + profile.chartWidth - x
        spacing: Theme.spacing / 2
        Text {
            width: parent.width
            visible: profile.risen > 0
            text: "▲\u00a0\u00a0" + profile.kiosk.ui.terrils
            textFormat: Text.PlainText
            color: Theme.terril
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLabel
            font.weight: Font.DemiBold
        }
        Text {
            width: parent.width
            visible: profile.risen < profile.items.length
            text: "▮\u00a0\u00a0" + profile.kiosk.ui.shafts
            textFormat: Text.PlainText
            color: Theme.accent
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLabel
            font.weight: Font.DemiBold
        }
    }
}
