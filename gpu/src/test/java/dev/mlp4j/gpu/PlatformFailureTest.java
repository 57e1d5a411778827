package dev.mlp4j.gpu;

import org.jocl.CL;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery over a list of platforms of which some fail: the others' devices are kept, numbered without gaps. */
class PlatformFailureTest {
    private static DeviceDiscovery.Platform platform(String name, OpenClDevice.Type... types) {
        return new DeviceDiscovery.Platform() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<OpenClDevices.DeviceHandle> devices(int firstIndex) {
                return java.util.stream.IntStream.range(0, types.length).mapToObj(i -> new OpenClDevices.DeviceHandle(
                        new OpenClDevice(firstIndex + i, name, name + " device " + i, types[i], 8, 1L << 32, false, "1", "OpenCL 3.0"),
                        null, null)).toList();
            }
        };
    }

    private static DeviceDiscovery.Platform failing(String name) {
        return new DeviceDiscovery.Platform() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<OpenClDevices.DeviceHandle> devices(int firstIndex) {
                throw new CLException("CL_OUT_OF_HOST_MEMORY", CL.CL_OUT_OF_HOST_MEMORY);
            }
        };
    }

    @Test
    void a_platform_that_fails_is_skipped_and_the_others_devices_are_kept() {
        DeviceDiscovery.Result r = DeviceDiscovery.collect(List.of(
                platform("Portable Computing Language", OpenClDevice.Type.CPU), failing("NVIDIA CUDA"),
                platform("Other", OpenClDevice.Type.GPU)));
        assertTrue(r.scan().available(), r.scan().problem());
        assertEquals(List.of("Portable Computing Language device 0", "Other device 0"),
                r.scan().devices().stream().map(OpenClDevice::name).toList());
        assertEquals(List.of(0, 1), r.scan().devices().stream().map(OpenClDevice::index).toList(), "numbered without a gap");
        assertEquals(1, r.scan().autoIndex(), "the GPU of the platform after the failed one is chosen");
        assertEquals(2, r.handles().size());
        assertEquals(List.of("OpenCL platform NVIDIA CUDA failed while listing its devices (CL_OUT_OF_HOST_MEMORY)"), r.skipped());
    }

    @Test
    void a_platform_whose_name_cannot_be_read_is_named_by_its_number() {
        DeviceDiscovery.Platform nameless = new DeviceDiscovery.Platform() {
            @Override
            public String name() {
                throw new CLException("CL_INVALID_PLATFORM", CL.CL_INVALID_PLATFORM);
            }

            @Override
            public List<OpenClDevices.DeviceHandle> devices(int firstIndex) {
                throw new AssertionError("not asked after its name failed");
            }
        };
        DeviceDiscovery.Result r = DeviceDiscovery.collect(List.of(platform("Portable Computing Language", OpenClDevice.Type.CPU), nameless));
        assertEquals(1, r.scan().devices().size());
        assertEquals(List.of("OpenCL platform number 1 failed while listing its devices (CL_INVALID_PLATFORM)"), r.skipped());
    }

    @Test
    void when_every_platform_fails_the_problem_names_each() {
        DeviceDiscovery.Result r = DeviceDiscovery.collect(List.of(failing("NVIDIA CUDA"), failing("Other")));
        assertFalse(r.scan().available());
        assertEquals("OpenCL platform NVIDIA CUDA failed while listing its devices (CL_OUT_OF_HOST_MEMORY); "
                + "OpenCL platform Other failed while listing its devices (CL_OUT_OF_HOST_MEMORY)", r.scan().problem());
    }

    @Test
    void platforms_without_devices_still_say_so() {
        DeviceDiscovery.Result r = DeviceDiscovery.collect(List.of(platform("Empty")));
        assertEquals("OpenCL platform Empty offers no device; check its driver's installation", r.scan().problem());
    }
}
