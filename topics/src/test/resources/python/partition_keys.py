"""Produces one empty record per key (stdin, one a line) with librdkafka's partitioner of the given name
and prints "key<TAB>partition" as delivered; PARTITIONER "default" leaves librdkafka's own default
(consistent_random). Usage: partition_keys.py BOOTSTRAP TOPIC PARTITIONER"""
import sys

from confluent_kafka import Producer

bootstrap, topic, partitioner = sys.argv[1:4]
config = {"bootstrap.servers": bootstrap}
if partitioner != "default":
    config["partitioner"] = partitioner
producer = Producer(config)
placed = {}
errors = []


def delivered(err, msg):
    if err is not None:
        errors.append(err)
    else:
        placed[msg.key().decode("utf-8")] = msg.partition()


keys = [line.rstrip("\n") for line in sys.stdin if line.strip()]
for key in keys:
    producer.produce(topic, key=key.encode("utf-8"), value=b"", on_delivery=delivered)
if producer.flush(30) or errors:
    sys.exit(f"producing failed: {errors}")
for key in keys:
    print(f"{key}\t{placed[key]}")
