pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// The attract loop, shown while nobody is using the kiosk. Always moving (it also spares
// the screen from burn-in): pictures drift slowly and cross-fade, titles follow them.
// The whole screen speaks one language at a time, and the next one with each picture:
// title, picture title, the timeline's postcards and the invitation never mix languages
// (the language switch above shows which it is). Any touch enters the exhibit, in the
// language the visitor was reading.
Item {
    id: page

    required property KioskController kiosk

    // -1 is the exhibit's own backdrop; 0..n-1 are the sections.
    property int slide: -1
    readonly property int languageIndex: Math.max(0, page.kiosk.languages.findIndex(entry => entry.code === page.kiosk.language))
    readonly property int slideMs: Math.round(page.kiosk.slideSeconds * 1000)

    objectName: "attractPage"
    // While it fades in, the page is drawn once into a layer and the fade blends
    // that one picture, instead of redrawing every text and image at each frame.
    layer.enabled: StackView.status === StackView.Activating

    Timer {
        interval: page.slideMs
        running: true
        repeat: true
        onTriggered: {
            page.slide = page.slide + 1 < page.kiosk.sectionCount ? page.slide + 1 : -1;
            const languages = page.kiosk.languages;
            if (languages.length > 1)
                page.kiosk.setLanguage(languages[(page.languageIndex + 1) % languages.length].code);
        }
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.background
    }

    // -- the drifting pictures --
    AttractSlide {
        anchors.fill: parent
        source: page.kiosk.backdrop
        focusPoint: page.kiosk.backdropFocus
        current: page.slide === -1
        duration: page.slideMs
    }
    Repeater {
        model: page.kiosk.sections

        AttractSlide {
            required property int index
            required property string illustration
            required property var illustrationFocus
            anchors.fill: parent
            source: illustration
            focusPoint: illustrationFocus
            current: page.slide === index
            duration: page.slideMs
        }
    }

    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.0; color: "#00121417" }
            GradientStop { position: 0.5; color: "#55121417" }
            GradientStop { position: 1.0; color: "#f2121417" }
        }
    }

    // -- the timeline's tour, when the content asks for it --
    Loader {
        objectName: "timelineTour"
        anchors.left: parent.left
        anchors.right: parent.right
        // Wide: under the sky's top band (clear of the language switch and of what the
        // backdrop draws there). Tall: in the middle of the free sky above the words.
        y: page.height > page.width
            ? Math.round((Theme.topBarHeight + words.y - height) / 2)
            : Theme.topBarHeight + Theme.margin * 2
        active: page.kiosk.tour !== null
        sourceComponent: TimelineTour {
            timeline: page.kiosk.tour
        }
    }

    // -- the words --
    Column {
        id: words
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        spacing: Theme.gutter

        Text {
            objectName: "attractTitle"
            Accessible.role: Accessible.Heading
            Accessible.name: text
            width: parent.width
            text: page.kiosk.title
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.serifFamily
            font.pixelSize: Theme.fontDisplay
            font.weight: Font.Bold
        }
        Text {
            id: slideTitle
            width: parent.width
            text: page.slide >= 0 ? page.kiosk.section(page.slide).title : page.kiosk.subtitle
            textFormat: Text.PlainText
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLead
        }
        Row {
            spacing: Theme.gutter

            Item {
                Accessible.ignored: true  // the pulsing ring beside the invitation
                width: Theme.touchTarget
                height: Theme.touchTarget
                Rectangle {
                    id: pulse
                    anchors.centerIn: parent
                    width: parent.width
                    height: width
                    radius: width / 2
                    color: "transparent"
                    border.width: Theme.borderWidth * 2
                    border.color: Theme.accent
                    SequentialAnimation on scale {
                        running: !Theme.lessMotion
                        loops: Animation.Infinite
                        ScaleAnimator { from: 0.7; to: 1.0; duration: 1100; easing.type: Easing.OutQuad }
                        ScaleAnimator { from: 1.0; to: 0.7; duration: 1100; easing.type: Easing.InQuad }
                    }
                }
                Rectangle {
                    anchors.centerIn: parent
                    width: parent.width * 0.35
                    height: width
                    radius: width / 2
                    color: Theme.accent
                }
            }
            Text {
                objectName: "attractInvitation"
                anchors.verticalCenter: parent.verticalCenter
                text: page.kiosk.attractInvitations[page.languageIndex] ?? ""
                textFormat: Text.PlainText
                color: Theme.accent
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontHeading * 0.75
                font.weight: Font.DemiBold
            }
        }
    }

    // Any touch enters, as soon as the finger lands; any key too (Main.qml).
    Accessible.role: Accessible.Button
    Accessible.name: page.kiosk.attractInvitations[page.languageIndex] ?? ""
    Accessible.description: page.kiosk.title
    Accessible.onPressAction: page.kiosk.wake()

    TapHandler {
        onPressedChanged: {
            if (pressed)
                page.kiosk.wake();
        }
    }
}
