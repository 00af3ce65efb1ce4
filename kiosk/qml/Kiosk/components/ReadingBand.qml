import QtQuick
import Kiosk

// The text a Listen button reads, marked while its recording plays (or waits, paused): a
// soft accent band behind the text and a solid bar along its left edge, so it shows in high
// contrast and without colour too. Put it beside the Flickable the text scrolls in, before
// it (so beneath the words); `block` is the text's column, a child of the Flickable's
// content. The band follows the part of the text in view. When the reading starts, the
// text's beginning is scrolled into view, in its Flickable and in any page around it.
Rectangle {
    id: band

    required property Flickable flick
    required property Item block
    property bool on: false

    readonly property real pad: Theme.spacing
    // The block's part in view, in the Flickable's coordinates; a margin round it, but not
    // where the text runs on out of view (the band stops at the Flickable's edge there).
    readonly property real shownTop: Math.max(0, band.block.y - band.flick.contentY)
    readonly property real shownBottom: Math.min(band.flick.height, band.block.y + band.block.height - band.flick.contentY)
    readonly property real padTop: band.block.y - band.flick.contentY >= 0 ? band.pad : 0
    readonly property real padBottom: band.block.y + band.block.height - band.flick.contentY <= band.flick.height ? band.pad : 0

    // The beginning of the text in view: in its own Flickable, then in those around it.
    function reveal(): void {
        const flick = band.flick;
        if (band.block.y < flick.contentY || band.block.y > flick.contentY + flick.height - Theme.touchTarget)
            flick.contentY = Math.max(0, Math.min(flick.contentHeight - flick.height, band.block.y - band.pad));
        for (let up = flick.parent; up; up = up.parent) {
            const outer = up.parent as Flickable;
            if (!outer || up !== outer.contentItem)
                continue;
            const box = flick.mapToItem(outer.contentItem, 0, 0, flick.width, flick.height);
            if (box.y - band.pad < outer.contentY || box.y + Theme.touchTarget > outer.contentY + outer.height)
                outer.contentY = Math.max(0, Math.min(outer.contentHeight - outer.height, box.y - band.pad));
        }
    }

    objectName: "readingBand"
    visible: band.on && band.shownBottom > band.shownTop
    x: band.flick.x + band.block.x - band.flick.contentX - band.pad
    y: band.flick.y + band.shownTop - band.padTop
    width: band.block.width + band.pad * 2
    height: band.shownBottom - band.shownTop + band.padTop + band.padBottom
    radius: Theme.radius / 2
    color: Theme.reading
    Accessible.ignored: true
    onOnChanged: {
        if (band.on)
            band.reveal();
    }

    Rectangle {
        objectName: "readingBar"
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: Theme.readingBar
        radius: width / 2
        color: Theme.accent
    }
}
