pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// An event's card in its lane above the axis: its picture (the event's own, else its era's),
// an accent bar in the era's colour, the date and the title; a tap opens it.
// Only events given a lane have one (the others are a dot until the visitor zooms in).
Rectangle {
    id: card

    required property int eventIndex
    required property string eventId
    required property real position
    required property int lane
    required property string dateLabel
    required property string title
    required property string colour
    // The era's colour tinted until it reads on the card (computed by the bridge).
    required property string ink
    required property string thumbnail
    required property var thumbnailFocus

    property real laneHeight: 0
    property real pictureWidth: 0
    property bool selected: false
    // The stretch of the track (content x) where it last came to rest. A card there shows
    // its picture; while the track flies by, pictures wait: decoding them would only
    // cost frames.
    property real restLeft: 0
    property real restRight: 0
    property bool thumbnailWanted: false

    // Keys: the cards in view are in the Tab order (the others are reached with Left and
    // Right, which move from card to card and bring the next one into view).
    property bool inView: false

    signal activated(string eventId)
    // The event with a card beside this one that way (-1 at either end), for Left and Right.
    property var beside: (index, direction) => -1
    // Left or Right on this card: the view moves the focus to that event's card. At either
    // end of the story the key goes on to the window (the nearest control that way).
    signal stepped(int eventIndex)
    // The card took the focus: the view brings it wholly into view.
    signal focused(int eventIndex)

    function step(event: KeyEvent, direction: int): void {
        const target = card.beside(card.eventIndex, direction);
        event.accepted = target >= 0;
        if (target >= 0)
            card.stepped(target);
    }

    objectName: "eventCard-" + card.eventId
    y: card.lane * card.laneHeight
    radius: Theme.radius / 2
    color: card.selected ? Theme.surfaceRaised : Theme.surface
    border.width: Theme.borderWidth
    border.color: tap.pressed || card.selected ? card.colour : Theme.divider
    scale: tap.pressed ? 0.97 : 1.0

    Accessible.role: Accessible.Button
    Accessible.name: card.dateLabel + ", " + card.title
    Accessible.onPressAction: card.activated(card.eventId)

    // (A card keeps its place while it holds the focus: an event opened from it covers the
    // strip before the focus moves to the event, and Qt refuses to drop the focused item.)
    activeFocusOnTab: card.inView || card.activeFocus
    Keys.onReturnPressed: card.activated(card.eventId)
    Keys.onEnterPressed: card.activated(card.eventId)
    Keys.onSpacePressed: card.activated(card.eventId)
    Keys.onLeftPressed: event => card.step(event, -1)
    Keys.onRightPressed: event => card.step(event, 1)
    onActiveFocusChanged: {
        if (card.activeFocus)
            card.focused(card.eventIndex);
    }

    FocusRing {
        targetRadius: card.radius
    }

    // Once wanted, a picture stays for as long as the card lives.
    Binding {
        card.thumbnailWanted: true
        when: card.thumbnail.length > 0 && card.x < card.restRight && card.x + card.width > card.restLeft
        restoreMode: Binding.RestoreNone
    }

    // The picture's frame is drawn at once (a calm placeholder); the picture itself when the
    // track rests.
    Rectangle {
        id: frame
        x: Theme.spacing / 2
        y: Theme.spacing / 2
        width: card.thumbnail.length > 0 ? card.pictureWidth : 0
        height: card.height - Theme.spacing
        radius: Theme.radius / 4
        color: Theme.surfaceRaised

        Loader {
            anchors.fill: parent
            active: card.thumbnailWanted
            sourceComponent: MediaImage {
                source: card.thumbnail
                focusX: card.thumbnailFocus[0] ?? 0.5
                focusY: card.thumbnailFocus[1] ?? 0.5
            }
        }
    }
    Rectangle {
        id: bar
        anchors.left: frame.right
        anchors.leftMargin: card.thumbnail.length > 0 ? Theme.spacing / 2 : 0
        y: Theme.spacing / 2
        width: Math.round(8 * Theme.scale)
        height: card.height - Theme.spacing
        radius: width / 2
        color: card.colour
    }
    // Date and title together, centred in the card: set when a height changes rather than
    // bound, since the title's room (its line count) follows the date's height and the
    // date's place the title's height: a binding would loop while larger text or another
    // language makes both change at once.
    function placeWords(): void {
        date.y = Math.round((card.height - date.height - title.anchors.topMargin - title.height) / 2);
    }

    onHeightChanged: card.placeWords()
    Component.onCompleted: card.placeWords()

    // Anchors, not a Column: a positioner lays out at polish time, and the software
    // renderer then draws one more frame each time cards are made.
    Text {
        id: date
        anchors.left: bar.right
        anchors.right: parent.right
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        // Date and title together, centred in the card (placeWords).
        onHeightChanged: card.placeWords()
        text: card.dateLabel
        textFormat: Text.PlainText
        color: card.ink
        wrapMode: Text.WordWrap
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontSmall
        font.weight: Font.Bold
    }
    Text {
        id: title
        anchors.left: date.left
        anchors.right: date.right
        anchors.top: date.bottom
        anchors.topMargin: Math.round(2 * Theme.scale)
        text: card.title
        textFormat: Text.PlainText
        color: Theme.text
        wrapMode: Text.WordWrap
        // As many lines as the card has room for under the date (three in a landscape card
        // with a one-line date): only a curator's very long title is cut here; the opened
        // card shows it whole.
        maximumLineCount: Math.max(1, Math.floor((card.height - Theme.spacing / 2 - date.height - title.anchors.topMargin)
            / (title.font.pixelSize * title.lineHeight * 1.21)))
        elide: Text.ElideRight
        lineHeight: 0.95
        onHeightChanged: card.placeWords()
        font.family: Theme.sansFamily
        font.pixelSize: Theme.fontSmall
        font.weight: Font.Medium
    }
    // The default policy (a tap ends if the finger travels): the track can still be
    // dragged or pinched from a card.
    TapHandler {
        id: tap
        onTapped: card.activated(card.eventId)
    }
}
