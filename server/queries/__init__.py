"""Read side: snapshot, places in queue, figures. Reads never take the writer lock."""
