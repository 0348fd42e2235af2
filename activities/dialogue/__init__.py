"""The dialogue graph's activity nodes: what the customer is, the searches and the requests to bookings."""
