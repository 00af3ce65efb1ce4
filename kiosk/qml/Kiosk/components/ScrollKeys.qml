import QtQuick
import Kiosk

// Lets keys read a text that scrolls: laid over the Flickable (it takes no touch), it
// takes the focus in its turn while the text is longer than its frame; then Up and Down
// scroll it by a few lines, and at either end they go on to the next control (Main.qml).
// Its accessible name is the text's heading, so a screen reader says what it is.
Item {
    id: keys

    required property Flickable flick
    property string name: ""

    readonly property real step: Math.round(keys.flick.height * 0.6)

    function scrollBy(distance: real): bool {
        const limit = Math.max(0, keys.flick.contentHeight - keys.flick.height);
        const target = Math.max(0, Math.min(limit, keys.flick.contentY + distance));
        if (Math.abs(target - keys.flick.contentY) < 1)
            return false;
        keys.flick.contentY = target;
        return true;
    }

    objectName: "scrollKeys"
    x: keys.flick.x
    y: keys.flick.y
    width: keys.flick.width
    height: keys.flick.height
    visible: keys.flick.visible && keys.flick.contentHeight > keys.flick.height + 1
    activeFocusOnTab: true

    Accessible.role: Accessible.ScrollBar
    Accessible.name: keys.name
    Keys.onDownPressed: event => event.accepted = keys.scrollBy(keys.step)
    Keys.onUpPressed: event => event.accepted = keys.scrollBy(-keys.step)
    Keys.onSpacePressed: event => event.accepted = keys.scrollBy(keys.step)

    FocusRing {}
}
