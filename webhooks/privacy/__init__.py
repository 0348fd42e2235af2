"""Personal data: the codec server operators read encrypted payloads through, and finding and erasing a customer."""
