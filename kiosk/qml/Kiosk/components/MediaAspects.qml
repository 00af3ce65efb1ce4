pragma Singleton
import QtQuick

// The proportions (width / height) of the pictures already decoded, by URL. A picture
// shown with a focus is laid out from its proportions: a page built again (new content,
// the next visitor) finds them here and decodes the picture once, at the right size, so
// Qt's image cache serves it again instead of it blinking through a second decode.
QtObject {
    property var known: ({})

    function of(url: string): real {
        return known[url] ?? 0;
    }
    function remember(url: string, aspect: real): void {
        known[url] = aspect;
    }
}
