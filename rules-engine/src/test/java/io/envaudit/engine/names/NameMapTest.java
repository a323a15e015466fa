package io.envaudit.engine.names;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NameMapTest {
    private final NameMap names = NameMap.builtIn();

    @Test
    void condaNamesOfMlPackagesMapToTheirPypiDistributions() {
        assertEquals("torch", names.pypiNameOfConda("pytorch"));
        assertEquals("opencv-python", names.pypiNameOfConda("py-opencv"));
        assertEquals("tensorflow", names.pypiNameOfConda("tensorflow-base"));
        assertEquals("tensorflow", names.pypiNameOfConda("tensorflow-gpu"));
        assertEquals("keras", names.pypiNameOfConda("keras-base"));
        assertEquals("xgboost", names.pypiNameOfConda("py-xgboost"));
    }

    @Test
    void anUnmappedNameIsItselfNormalized() {
        assertEquals("typing-extensions", names.pypiNameOfConda("typing_extensions"));
        assertEquals("numpy", names.pypiNameOfConda("numpy"));
    }

    @Test
    void condaNamesAreLookedUpAsCondaSpellsThem() {
        // conda-forge's ruamel.yaml is PyPI's ruamel.yaml; ruamel_yaml (defaults, old condas) is Anaconda's renamed copy,
        // published as ruamel-yaml-conda: one PEP 503 name, two conda packages, two distributions
        assertEquals("ruamel-yaml-conda", names.pypiNameOfConda("ruamel_yaml"));
        assertEquals("ruamel-yaml", names.pypiNameOfConda("ruamel.yaml"));
        assertEquals("torch", names.pypiNameOfConda("PyTorch"), "conda names are lower case; case is folded, nothing else");
    }

    @Test
    void libprotobufIsNotPythonProtobuf() {
        assertEquals("libprotobuf", names.pypiNameOfConda("libprotobuf"));
    }

    @Test
    void rolesTellImplementationsFromMetapackages() {
        assertEquals(Optional.of(NameMap.Role.IMPLEMENTATION), names.roleOf("tensorflow-base", "tensorflow"));
        assertEquals(Optional.of(NameMap.Role.METAPACKAGE), names.roleOf("tensorflow-gpu", "tensorflow"));
        assertEquals(Optional.of(NameMap.Role.IMPLEMENTATION), names.roleOf("numpy-base", "numpy"));
        assertEquals(Optional.of(NameMap.Role.IMPLEMENTATION), names.roleOf("numpy-base", "NumPy"), "the distribution is a PyPI name");
        assertEquals(Optional.empty(), names.roleOf("numpy_base", "numpy"), "no conda package is spelled numpy_base");
        assertEquals(Optional.empty(), names.roleOf("requests", "requests"));
    }

    @Test
    void pep503NormalizationFoldsCaseAndSeparatorRuns() {
        assertEquals("typing-extensions", PackageName.normalize("Typing_Extensions"));
        assertEquals("zope-interface", PackageName.normalize("zope.interface"));
        assertEquals("a-b", PackageName.normalize("A-_.-b"));
    }
}
