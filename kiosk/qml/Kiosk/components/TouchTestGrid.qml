pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Bridge

// The touch test: the whole screen in squares, each lighting up when touched, so staff
// find the dead zones of a worn or misaligned touch frame (often along the edges). The
// squares under the central panel are not counted: its buttons test that part.
Rectangle {
    id: grid

    required property KioskController kiosk

    readonly property int columns: Math.max(4, Math.floor(grid.width / Theme.touchTestCell))
    readonly property int rows: Math.max(3, Math.floor(grid.height / Theme.touchTestCell))
    readonly property int cells: grid.columns * grid.rows
    // Squares hidden by the panel, worked out once the panel has its size.
    readonly property var covered: {
        const hidden = [];
        const cellWidth = grid.width / grid.columns;
        const cellHeight = grid.height / grid.rows;
        for (let index = 0; index < grid.cells; ++index) {
            const left = (index % grid.columns) * cellWidth;
            const top = Math.floor(index / grid.columns) * cellHeight;
            if (left < panelFrame.x + panelFrame.width && left + cellWidth > panelFrame.x
                    && top < panelFrame.y + panelFrame.height && top + cellHeight > panelFrame.y)
                hidden.push(index);
        }
        return hidden;
    }
    readonly property int testable: grid.cells - grid.covered.length
    property var lit: []
    property int litCount: 0

    signal done

    function light(index: int): void {
        if (grid.lit[index] || grid.covered.indexOf(index) >= 0)
            return;
        const next = grid.lit.slice();
        next[index] = true;
        grid.lit = next;
        grid.litCount += 1;
    }

    function clear(): void {
        grid.lit = [];
        grid.litCount = 0;
    }

    objectName: "touchTest"
    color: Theme.background
    onVisibleChanged: grid.clear()

    Repeater {
        model: grid.cells

        Rectangle {
            id: cell

            required property int index
            readonly property bool on: grid.lit[cell.index] === true

            objectName: "touchCell-" + cell.index
            x: (cell.index % grid.columns) * grid.width / grid.columns
            y: Math.floor(cell.index / grid.columns) * grid.height / grid.rows
            width: grid.width / grid.columns
            height: grid.height / grid.rows
            color: cell.on ? Theme.terril : Theme.surface
            border.width: 1
            border.color: Theme.divider

            TapHandler {
                gesturePolicy: TapHandler.WithinBounds
                onPressedChanged: {
                    if (pressed)
                        grid.light(cell.index);
                }
            }
        }
    }

    Rectangle {
        id: panelFrame
        anchors.centerIn: parent
        width: panel.implicitWidth + Theme.gutter * 2
        height: panel.implicitHeight + Theme.gutter * 2
        radius: Theme.radius
        color: Theme.surfaceRaised
        border.width: Theme.borderWidth
        border.color: Theme.divider

        Column {
            id: panel
            anchors.centerIn: parent
            spacing: Theme.spacing

            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                width: Math.min(implicitWidth, grid.width * 0.6)
                horizontalAlignment: Text.AlignHCenter
                text: grid.kiosk.ui.admin_touch_hint
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                color: Theme.text
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontBody
            }
            Text {
                objectName: "touchCount"
                anchors.horizontalCenter: parent.horizontalCenter
                text: grid.kiosk.ui.admin_touch_count.arg(grid.litCount).arg(grid.testable)
                textFormat: Text.PlainText
                color: Theme.accent
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontLead
                font.weight: Font.DemiBold
            }
            Row {
                anchors.horizontalCenter: parent.horizontalCenter
                spacing: Theme.spacing

                KioskButton {
                    objectName: "touchAgain"
                    text: grid.kiosk.ui.admin_touch_again
                    onClicked: grid.clear()
                }
                KioskButton {
                    objectName: "touchDone"
                    primary: true
                    text: grid.kiosk.ui.admin_back
                    onClicked: grid.done()
                }
            }
        }
    }
}
