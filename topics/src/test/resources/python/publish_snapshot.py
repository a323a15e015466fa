"""Publishes snapshots the way the Java agent does: schema first, then records keyed by environment id."""
from confluent_kafka import Producer

from single_object import SingleObjectWriter


def publish(bootstrap: str, prefix: str, schema_json: str, snapshots) -> None:
    writer = SingleObjectWriter(schema_json)
    errors = []
    producer = Producer({
        "bootstrap.servers": bootstrap,
        "partitioner": "murmur2_random",  # the Java producer's partitions for the same keys
        "enable.idempotence": True,
    })

    def delivered(err, msg):
        if err is not None:
            errors.append(err)

    # Register before first use: the schema must be stored before any record that needs it.
    producer.produce(prefix + "schemas", key=writer.fingerprint, value=schema_json.encode("utf-8"),
                     on_delivery=delivered)
    if producer.flush(30) or errors:
        raise RuntimeError(f"registering the schema failed: {errors}")
    for snapshot in snapshots:
        producer.produce(prefix + "snapshots", key=snapshot["environment"]["id"].encode("utf-8"),
                         value=writer.encode(snapshot), on_delivery=delivered)
    if producer.flush(30) or errors:
        raise RuntimeError(f"publishing failed: {errors}")
