import QtQuick
import Kiosk

// One picture of the attract loop: fades in when current and drifts slowly while shown.
Item {
    id: slide

    property string source: ""
    // The picture's focus point, [x, y] (kiosk content `focus`), kept in view.
    property var focusPoint: [0.5, 0.5]
    property bool current: false
    property int duration: 9000

    opacity: slide.current ? 1 : 0
    visible: slide.opacity > 0 || slide.current

    Behavior on opacity {
        OpacityAnimator {
            duration: Theme.fadeMs
        }
    }

    MediaImage {
        id: picture
        anchors.fill: parent
        source: slide.source
        focusX: slide.focusPoint[0] ?? 0.5
        focusY: slide.focusPoint[1] ?? 0.5
        transformOrigin: Item.Center
    }

    // The slow zoom and drift (Ken Burns); none in less motion: the pictures only cross-fade.
    ParallelAnimation {
        running: slide.current && !Theme.lessMotion
        ScaleAnimator {
            target: picture
            from: 1.0
            to: 1.12
            duration: slide.duration + Theme.fadeMs
        }
        XAnimator {
            target: picture
            from: 0
            to: -slide.width * 0.04
            duration: slide.duration + Theme.fadeMs
        }
    }
}
