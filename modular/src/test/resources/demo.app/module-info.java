module demo.app {
    requires dev.jawait;
}
