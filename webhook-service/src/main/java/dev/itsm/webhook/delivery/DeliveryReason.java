package dev.itsm.webhook.delivery;

/** Why a delivery exists: a consumed event, a replay of a time range, a redelivery of one delivery, a ping. */
public enum DeliveryReason {
    EVENT, REPLAY, REDELIVER, PING
}
