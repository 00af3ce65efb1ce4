import QtQuick

// A screen with one of each fault the audit must find, and look-alikes it must not report.
Window {
    width: 800
    height: 600
    visible: true
    color: "#121417"

    // Faults --------------------------------------------------------------
    Text {
        objectName: "elided"
        x: 10; y: 10; width: 120
        text: "A title far too long for its box"
        elide: Text.ElideRight
        color: "#f3efe6"
        font.pixelSize: 20
    }
    Text {
        objectName: "firstOfPair"
        x: 10; y: 60
        text: "Overlapping one"
        color: "#f3efe6"
        font.pixelSize: 20
    }
    Text {
        objectName: "secondOfPair"
        x: 60; y: 66
        text: "Overlapping two"
        color: "#f3efe6"
        font.pixelSize: 20
    }
    Text {
        objectName: "pastTheEdge"
        x: 740; y: 120
        text: "Half outside"
        color: "#f3efe6"
        font.pixelSize: 20
    }
    Text {
        objectName: "faint"
        x: 10; y: 180
        text: "Too faint to read"
        color: "#3a4048"
        font.pixelSize: 12  // 22 px at 1080p: body text, needs 4.5:1
    }
    Item {
        x: 10; y: 240; width: 90; height: 40
        clip: true
        Text {
            objectName: "clipped"
            text: "Cut by a panel that does not scroll"
            color: "#f3efe6"
            font.pixelSize: 20
        }
    }
    Rectangle {
        objectName: "buttonOverText"
        x: 300; y: 10; width: 160; height: 50
        color: "#2a2f36"
        TapHandler {}
    }
    Text {
        objectName: "underTheButton"
        x: 420; y: 30
        text: "Hidden label"
        color: "#f3efe6"
        font.pixelSize: 20
        z: -1
    }

    // Look-alikes the audit must accept -----------------------------------
    Rectangle {
        objectName: "aButton"
        x: 300; y: 300; width: 220; height: 60
        color: "#e3b23c"
        TapHandler {}
        Text {
            objectName: "ownLabel"
            anchors.centerIn: parent
            text: "A button's own label"
            color: "#121417"
            font.pixelSize: 20
        }
    }
    Flickable {
        x: 10; y: 320; width: 200; height: 60
        clip: true
        contentHeight: 400
        Text {
            objectName: "scrolls"
            width: 200
            wrapMode: Text.Wrap
            text: "A long text that scrolls inside its panel, so it is not cut: a visitor swipes to read the rest of it, line after line after line."
            color: "#f3efe6"
            font.pixelSize: 20
        }
    }
    // A text scrolled almost out of its panel: four pixels of it show at the bottom edge, over
    // a pale band. Measured there it would fail; it is measured once scrolled in.
    Flickable {
        x: 540; y: 500; width: 200; height: 60
        clip: true
        contentHeight: 400
        Rectangle {
            y: 40; width: 200; height: 40
            color: "#f0ede6"
        }
        Text {
            objectName: "peeksIn"
            y: 56
            text: "Scrolled almost out"
            color: "#f3efe6"
            font.pixelSize: 20
        }
    }
    Text {
        objectName: "covered"
        x: 560; y: 400
        text: "Covered by a panel"
        color: "#f3efe6"
        font.pixelSize: 20
    }
    Text {
        objectName: "alsoCovered"
        x: 580; y: 404
        text: "Covered as well"
        color: "#f3efe6"
        font.pixelSize: 20
    }
    Rectangle {
        objectName: "panel"
        x: 540; y: 380; width: 250; height: 100
        color: "#1d2126"
    }
    Text {
        objectName: "bigAndDim"
        x: 10; y: 500
        text: "Large text at 3.6:1"
        color: "#c0583f"
        font.pixelSize: 40
    }
    Text {
        objectName: "drifting"
        x: 760; y: 540
        text: "Drifting in"
        color: "#f3efe6"
        font.pixelSize: 20
        property bool auditMoving: true
    }
}
