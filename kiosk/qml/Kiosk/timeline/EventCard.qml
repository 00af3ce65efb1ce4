pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Bridge

// An event opened: its picture with credit, era, date, title, story and links to go further.
// On a wide screen the picture is on the left and the words on the right; on a tall one the
// picture is on top and the words scroll below it. The buttons at the bottom name the
// neighbouring events they lead to (date and title), so they cannot be mistaken for the
// page's own previous/next section buttons. Swipe sideways for the same; a touch outside
// the card closes it.
Item {
    id: card

    required property KioskController kiosk
    required property TimelineController timeline
    required property AudioController audio
    required property int index

    readonly property bool shown: card.index >= 0
    readonly property var event: card.shown ? card.timeline.eventAt(card.index, card.kiosk.language) : ({})
    readonly property bool hasMedia: (card.event.media ?? "").length > 0
    // The picture above the words on a tall card, and on a wide one whose column of words
    // beside the picture would be too narrow for the title (every mode on a tall screen
    // leaves a wide, low band): the card then scrolls.
    readonly property bool portrait: card.height > card.width
        || card.width * 0.58 - Theme.margin * 2 < 560 * Theme.scale * Theme.textScale
    // The least height the card's contents are laid out in: the buttons, and room for the
    // date and title beside (or under) the picture.
    readonly property real leastHeight: buttons.height + Theme.gutter * 3 + Math.round(Theme.fontHeading * 4)

    function go(delta: int): void {
        const target = card.index + delta;
        if (target >= 0 && target < card.timeline.count)
            card.kiosk.openDetail(card.timeline.idAt(target));
    }

    // The control with the focus is inside the card (keys go back to the strip on closing).
    function holdsFocus(): bool {
        for (let up = card.Window.activeFocusItem; up; up = up.parent) {
            if (up === card)
                return true;
        }
        return false;
    }

    visible: card.shown || card.opacity > 0
    // Opened, its Close button takes the focus (Escape closes it too, Main.qml); a step to
    // the first or last event, whose button goes, leaves the focus on Close.
    onShownChanged: {
        if (card.shown)
            close.forceActiveFocus(Qt.OtherFocusReason);
    }
    opacity: card.shown ? 1 : 0

    Behavior on opacity {
        OpacityAnimator {
            duration: Theme.transitionMs
        }
    }

    // A button to a neighbouring event: an arrow, then the event's date (in its era's ink)
    // over its title.
    component StepButton: Rectangle {
        id: step

        property string date: ""
        property string title: ""
        property color ink: Theme.text
        property bool forward: false
        property real available: 0

        signal clicked

        readonly property real arrowWidth: arrow.implicitWidth + Theme.spacing
        readonly property real wordsWidth: Math.max(stepDate.implicitWidth, stepTitle.implicitWidth)

        width: Math.min(step.available, step.wordsWidth + step.arrowWidth + Theme.gutter * 2)
        height: Math.max(Theme.touchTarget, words.implicitHeight + Theme.spacing * 2)
        radius: Math.min(Theme.touchTarget / 2, step.height / 2)
        color: Theme.surfaceRaised
        border.width: Theme.borderWidth
        border.color: Theme.divider
        scale: stepTap.pressed ? 0.96 : 1.0

        Accessible.role: Accessible.Button
        Accessible.name: step.date + ", " + step.title
        Accessible.onPressAction: step.clicked()
        activeFocusOnTab: true
        Keys.onReturnPressed: step.clicked()
        Keys.onEnterPressed: step.clicked()
        Keys.onSpacePressed: step.clicked()

        FocusRing {
            targetRadius: step.radius
        }

        Text {
            id: arrow
            anchors.verticalCenter: parent.verticalCenter
            x: step.forward ? step.width - Theme.gutter - implicitWidth : Theme.gutter
            text: step.forward ? "›" : "‹"
            color: Theme.text
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLead
            font.weight: Font.Bold
        }
        Column {
            id: words
            anchors.verticalCenter: parent.verticalCenter
            x: step.forward ? Theme.gutter : Theme.gutter + step.arrowWidth
            width: step.width - Theme.gutter * 2 - step.arrowWidth

            Text {
                id: stepDate
                objectName: step.objectName + "Date"
                width: parent.width
                horizontalAlignment: step.forward ? Text.AlignRight : Text.AlignLeft
                text: step.date
                textFormat: Text.PlainText
                color: step.ink
                wrapMode: Text.WordWrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.weight: Font.Bold
            }
            Text {
                id: stepTitle
                objectName: step.objectName + "Title"
                width: parent.width
                horizontalAlignment: step.forward ? Text.AlignRight : Text.AlignLeft
                text: step.title
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                // A curator's very long title is cut here; the card it opens shows it whole.
                // Larger text: one line more, for the same words.
                maximumLineCount: Theme.largerText ? 3 : 2
                elide: Text.ElideRight
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
            }
        }
        TapHandler {
            id: stepTap
            gesturePolicy: TapHandler.ReleaseWithinBounds
            onTapped: step.clicked()
        }
    }

    // Links to go further: other events, other sections.
    Component {
        id: linksBlock

        Column {
            spacing: Theme.spacing
            topPadding: Theme.spacing

            Text {
                width: parent.width
                visible: (card.event.related ?? []).length > 0
                text: card.kiosk.ui.related
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
            }
            Flow {
                id: eventLinks
                width: parent.width
                spacing: Theme.spacing
                Repeater {
                    model: card.event.related ?? []
                    KioskButton {
                        required property var modelData
                        objectName: "link-" + modelData.link
                        text: modelData.label + "  →"
                        width: Math.min(implicitWidth, eventLinks.width)
                        onClicked: card.kiosk.openLink(modelData.link)
                    }
                }
            }
        }
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
    }
    TapHandler {
        enabled: card.shown
        onTapped: card.kiosk.closeDetail()
    }

    Rectangle {
        id: panel
        objectName: "eventPanel"
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, Math.round(1560 * Theme.scale))
        height: parent.height - Theme.spacing * 2
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.borderWidth
        border.color: card.event.colour ?? Theme.divider
        Accessible.role: Accessible.Dialog
        Accessible.name: [card.event.dateLabel ?? "", card.event.title ?? ""].filter(part => part.length > 0).join(", ")

        // Taps on the card stay on the card.
        TapHandler {
            enabled: card.shown
        }
        DragHandler {
            id: swipe
            property real travelled: 0
            target: null
            xAxis.enabled: true
            yAxis.enabled: false
            onActiveTranslationChanged: swipe.travelled = swipe.activeTranslation.x
            onActiveChanged: {
                if (swipe.active) {
                    swipe.travelled = 0;
                    return;
                }
                if (swipe.travelled < -Theme.touchTarget * 1.5)
                    card.go(1);
                else if (swipe.travelled > Theme.touchTarget * 1.5)
                    card.go(-1);
            }
        }

        // Where the card is very low (every mode on a small screen: the reach band leaves a
        // slit) its contents keep the height they need and scroll, the buttons with them.
        Flickable {
            id: sheetFlick
            objectName: "eventSheet"
            anchors.fill: parent
            contentWidth: width
            contentHeight: sheet.height
            interactive: contentHeight > height + 1
            clip: interactive
            boundsBehavior: Flickable.StopAtBounds
            flickableDirection: Flickable.VerticalFlick

            Item {
                id: sheet
                width: sheetFlick.width
                height: Math.max(sheetFlick.height, card.leastHeight)

                MediaImage {
                    id: picture
                    objectName: "eventPicture"
                    visible: card.hasMedia
                    anchors.left: parent.left
                    anchors.top: parent.top
                    anchors.margins: Theme.gutter
                    // Wide screen: the left 42 % of the card, as tall as the credit and the buttons
                    // allow. Tall screen: the whole width, at most a third of the card's height
                    // in view (when the card scrolls, the title still shows under it).
                    width: !card.hasMedia ? 0 : card.portrait ? parent.width - Theme.gutter * 2 : Math.round(parent.width * 0.42)
                    height: !card.hasMedia ? 0 : card.portrait
                        ? Math.round(Math.min(width * 0.62, sheetFlick.height * 0.34))
                        : Math.max(Theme.touchTarget * 2, Math.min(Math.round(width * 0.75),
                            buttons.y - credit.height - Theme.gutter * 3))
                    source: card.shown ? (card.event.media ?? "") : ""
                    alt: card.event.mediaAlt ?? ""
                    fit: card.event.mediaFit ?? "cover"
                    focusX: card.event.mediaFocus?.[0] ?? 0.5
                    focusY: card.event.mediaFocus?.[1] ?? 0.5
                }
                Text {
                    id: credit
                    objectName: "eventCredit"
                    visible: card.hasMedia
                    anchors.left: picture.left
                    anchors.right: picture.right
                    anchors.top: picture.bottom
                    anchors.topMargin: Theme.spacing
                    text: [card.event.mediaCredit ?? "", card.event.mediaLicence ?? ""].filter(part => part.length > 0).join("  ·  ")
                    textFormat: Text.PlainText
                    color: Theme.textMuted
                    wrapMode: Text.WordWrap
                    font.family: Theme.sansFamily
                    font.pixelSize: Theme.fontSmall
                    font.italic: true
                }

                // Marks the event's words while its recording plays.
                ReadingBand {
                    objectName: "reading-" + listen.key
                    flick: reading
                    block: words
                    on: listen.mine
                }

                Flickable {
                    id: reading
                    objectName: "eventReading"
                    anchors.left: card.hasMedia && !card.portrait ? picture.right : parent.left
                    anchors.right: parent.right
                    anchors.top: card.hasMedia && card.portrait ? credit.bottom : parent.top
                    anchors.bottom: buttons.top
                    anchors.margins: Theme.gutter
                    anchors.leftMargin: card.hasMedia && !card.portrait ? Theme.margin : Theme.gutter
                    contentHeight: words.height
                    clip: true
                    boundsBehavior: Flickable.StopAtBounds
                    flickableDirection: Flickable.VerticalFlick
                    ScrollIndicator.vertical: ScrollIndicator {
                        active: reading.contentHeight > reading.height
                    }

                    Column {
                        id: words
                        width: reading.width - Theme.gutter
                        spacing: Theme.spacing

                        Text {
                            width: parent.width
                            text: card.event.eraTitle ?? ""
                            textFormat: Text.PlainText
                            color: Theme.textMuted
                            wrapMode: Text.WordWrap
                            font.family: Theme.sansFamily
                            font.pixelSize: Theme.fontSmall
                            font.weight: Font.DemiBold
                            font.capitalization: Font.AllUppercase
                            font.letterSpacing: 1.5
                        }
                        Text {
                            objectName: "eventDate"
                            width: parent.width
                            text: card.event.dateLabel ?? ""
                            textFormat: Text.PlainText
                            color: card.event.ink ?? Theme.accent
                            wrapMode: Text.WordWrap
                            font.family: Theme.sansFamily
                            font.pixelSize: Theme.fontLead
                            font.weight: Font.Bold
                        }
                        Text {
                            objectName: "eventTitle"
                            width: parent.width
                            text: card.event.title ?? ""
                            textFormat: Text.PlainText
                            color: Theme.text
                            wrapMode: Text.Wrap
                            // Only a curator's runaway title is cut (kiosk validate warns about it).
                            maximumLineCount: 3
                            elide: Text.ElideRight
                            font.family: Theme.serifFamily
                            font.pixelSize: Theme.fontHeading
                            font.weight: Font.Bold
                        }
                        // The event read aloud, where it has a recording in the visitor's language.
                        ListenButton {
                            id: listen
                            objectName: "listen-" + listen.key
                            width: Math.min(implicitWidth, parent.width)
                            audio: card.audio
                            kiosk: card.kiosk
                            key: card.shown ? "timeline:" + card.timeline.idAt(card.index) : ""
                        }
                        Text {
                            objectName: "eventText"
                            width: parent.width
                            text: card.event.text ?? ""
                            textFormat: Text.PlainText
                            color: Theme.text
                            wrapMode: Text.Wrap
                            lineHeight: Theme.lineHeight
                            font.family: Theme.sansFamily
                            font.pixelSize: Theme.fontBody
                        }
                        // Links to go further follow the story.
                        Loader {
                            width: parent.width
                            sourceComponent: linksBlock
                        }
                    }
                }

                MoreBelow {
                    flick: reading
                    ground: Theme.surface
                }

                // Previous event, close, next event: in one row on a wide screen; on a tall one the
                // two events side by side and the close button under them.
                Item {
                    id: buttons
                    objectName: "eventButtons"
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.margins: Theme.gutter
                    height: card.portrait ? stepRow.height + Theme.spacing + close.height : stepRow.height

                    readonly property real stepSpace: card.portrait
                        ? (buttons.width - Theme.spacing) / 2
                        : (buttons.width - close.width - Theme.spacing * 2) / 2

                    Item {
                        id: stepRow
                        width: parent.width
                        height: Math.max(previous.visible ? previous.height : 0, next.visible ? next.height : 0, close.height)

                        StepButton {
                            id: previous
                            objectName: "eventPrevious"
                            anchors.left: parent.left
                            anchors.verticalCenter: parent.verticalCenter
                            visible: card.index > 0
                            onVisibleChanged: {
                                if (!visible && activeFocus)
                                    close.forceActiveFocus(Qt.OtherFocusReason);
                            }
                            available: buttons.stepSpace
                            date: card.event.previous?.date ?? ""
                            title: card.event.previous?.title ?? ""
                            ink: card.event.previous?.ink || Theme.text
                            onClicked: card.go(-1)
                        }
                        StepButton {
                            id: next
                            objectName: "eventNext"
                            anchors.right: parent.right
                            anchors.verticalCenter: parent.verticalCenter
                            forward: true
                            visible: card.index < card.timeline.count - 1
                            onVisibleChanged: {
                                if (!visible && activeFocus)
                                    close.forceActiveFocus(Qt.OtherFocusReason);
                            }
                            available: buttons.stepSpace
                            date: card.event.next?.date ?? ""
                            title: card.event.next?.title ?? ""
                            ink: card.event.next?.ink || Theme.text
                            onClicked: card.go(1)
                        }
                    }
                    KioskButton {
                        id: close
                        objectName: "eventClose"
                        x: Math.round((buttons.width - width) / 2)
                        y: card.portrait ? stepRow.height + Theme.spacing : Math.round((stepRow.height - height) / 2)
                        primary: true
                        text: "×  " + card.kiosk.ui.close
                        onClicked: card.kiosk.closeDetail()
                    }
                }
            }
        }
        MoreBelow {
            flick: sheetFlick
            ground: Theme.surface
        }
    }
}
