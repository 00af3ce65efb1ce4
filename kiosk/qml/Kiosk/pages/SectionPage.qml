pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// The frame of every section: a way home, the section's own view, and the way on.
// Each kind of section plugs its view in by name (section.view); until a section has
// its interactive view, it shows its finished introduction (SectionIntro).
Item {
    id: page

    required property var kiosk
    required property var section

    readonly property var nextSection: page.kiosk.section((page.section.index + 1) % page.kiosk.sectionCount)

    objectName: "sectionPage-" + page.section.kind
    // While it fades in, the page is drawn once into a layer and the fade blends
    // that one picture, instead of redrawing every text and image at each frame.
    layer.enabled: StackView.status === StackView.Activating

    Rectangle {
        anchors.fill: parent
        color: Theme.background
    }

    Item {
        id: header
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        height: Theme.topBarHeight

        KioskButton {
            objectName: "homeButton"
            anchors.left: parent.left
            anchors.leftMargin: Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            text: "←  " + page.kiosk.ui.home
            onClicked: page.kiosk.goHome()
        }
    }

    Loader {
        id: view
        objectName: "sectionView"
        anchors.top: header.bottom
        anchors.bottom: footer.top
        anchors.left: parent.left
        anchors.right: parent.right
        asynchronous: false
        Component.onCompleted: view.setSource(Qt.resolvedUrl(page.section.view + ".qml"), {
            "kiosk": page.kiosk,
            "section": page.section
        })
    }

    Item {
        id: footer
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        height: Theme.topBarHeight

        Rectangle {
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
            height: 1
            color: Theme.divider
        }
        // Where this section stands among the others.
        Row {
            id: dots
            objectName: "sectionDots"
            anchors.centerIn: parent
            spacing: Theme.spacing
            // Only where they fit between the two buttons.
            visible: footer.width / 2 - Math.max(previous.width, next.width) - Theme.margin - Theme.gutter > dots.implicitWidth / 2
            Repeater {
                model: page.kiosk.sectionCount
                Rectangle {
                    id: dot
                    required property int index
                    width: Math.round(14 * Theme.scale)
                    height: width
                    radius: width / 2
                    color: dot.index === page.section.index ? page.section.colour : Theme.divider
                }
            }
        }
        KioskButton {
            id: previous
            objectName: "previousButton"
            anchors.left: parent.left
            anchors.leftMargin: Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            text: "←  " + page.kiosk.ui.previous
            visible: page.kiosk.sectionCount > 1
            onClicked: page.kiosk.previousSection()
        }
        KioskButton {
            id: next
            objectName: "nextButton"
            anchors.right: parent.right
            anchors.rightMargin: Theme.margin
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, parent.width / 2)
            primary: true
            text: page.kiosk.ui.next_to.arg(page.nextSection.title) + "  →"
            visible: page.kiosk.sectionCount > 1
            onClicked: page.kiosk.nextSection()
        }
    }
}
