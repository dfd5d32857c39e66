package org.sharemint.wire;

/**
 * SetupConnection (CORE 0x00): First message of a connection: the protocol and versions the
 * client speaks, its feature flags and who it is.
 *
 * @param protocol protocol U8
 * @param minVersion min_version U16
 * @param maxVersion max_version U16
 * @param flags flags U32
 * @param endpointHost endpoint_host STR0_255
 * @param endpointPort endpoint_port U16
 * @param vendor vendor STR0_255
 * @param hardwareVersion hardware_version STR0_255
 * @param firmware firmware STR0_255
 * @param deviceId device_id STR0_255
 */
public record SetupConnection(
        int protocol,
        int minVersion,
        int maxVersion,
        int flags,
        String endpointHost,
        int endpointPort,
        String vendor,
        String hardwareVersion,
        String firmware,
        String deviceId) implements Message {
    public static final int MSG_TYPE = 0x00;

    @Override
    public int extension() {
        return Extensions.CORE;
    }

    @Override
    public int msgType() {
        return MSG_TYPE;
    }

    @Override
    public boolean channelMsg() {
        return false;
    }

    @Override
    public void encode(WireWriter w) {
        w.u8(protocol);
        w.u16(minVersion);
        w.u16(maxVersion);
        w.u32(flags);
        w.str0_255(endpointHost);
        w.u16(endpointPort);
        w.str0_255(vendor);
        w.str0_255(hardwareVersion);
        w.str0_255(firmware);
        w.str0_255(deviceId);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SetupConnection decode(WireReader r) throws WireException {
        int protocol = r.u8();
        int minVersion = r.u16();
        int maxVersion = r.u16();
        int flags = r.u32();
        String endpointHost = r.str0_255();
        int endpointPort = r.u16();
        String vendor = r.str0_255();
        String hardwareVersion = r.str0_255();
        String firmware = r.str0_255();
        String deviceId = r.str0_255();
        r.expectEnd();
        return new SetupConnection(
                protocol, minVersion, maxVersion, flags, endpointHost, endpointPort, vendor,
                hardwareVersion, firmware, deviceId);
    }
}
