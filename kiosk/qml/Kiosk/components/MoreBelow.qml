// A fade over the bottom edge of a text that scrolls: there is more to read below.
// It goes once the text is scrolled to its end, and never shows for a text that fits.
// Put it beside the Flickable (same parent), after it, so it is drawn over it.
import QtQuick
import Kiosk

Rectangle {
    id: fade

    required property Flickable flick
    // The colour behind the text (the card's or the page's).
    required property color ground
    readonly property bool more: fade.flick.contentHeight > fade.flick.height + 1 && !fade.flick.atYEnd

    objectName: "moreBelow"
    Accessible.ignored: true
    anchors.left: fade.flick.left
    anchors.right: fade.flick.right
    anchors.bottom: fade.flick.bottom
    height: Math.min(Theme.gutter * 2, fade.flick.height / 4)
    opacity: fade.more ? 1 : 0
    gradient: Gradient {
        GradientStop {
            position: 0
            color: Qt.rgba(fade.ground.r, fade.ground.g, fade.ground.b, 0)
        }
        GradientStop {
            position: 1
            color: fade.ground
        }
    }

    Behavior on opacity {
        OpacityAnimator {
            duration: Theme.transitionMs
        }
    }
}
