using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Neuro.Distributed;

/// <summary>
/// Cluster traffic over mutually authenticated TLS: every worker and the driver present the same certificate (a PKCS#12
/// file with its private key), and each side accepts a connection only from a peer presenting exactly that certificate
/// (same thumbprint). Holding the file is what admits a machine to the cluster.
/// </summary>
public sealed class ClusterTls
{
    private ClusterTls(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The shared certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Reads the certificate and its private key from a PKCS#12 (<c>.pfx</c>/<c>.p12</c>) file.</summary>
    /// <exception cref="ArgumentException">The file cannot be read, or holds no private key.</exception>
    public static ClusterTls Load(string path, string? password)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Cannot read the TLS certificate '{path}': {e.Message}", nameof(path), e);
        }

        return certificate.HasPrivateKey
            ? new ClusterTls(certificate)
            : throw new ArgumentException($"The TLS certificate '{path}' holds no private key; export it with its key (PKCS#12)", nameof(path));
    }

    /// <summary>Wraps a certificate that has its private key.</summary>
    public static ClusterTls Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.HasPrivateKey ? new ClusterTls(certificate) : throw new ArgumentException("The TLS certificate holds no private key", nameof(certificate));
    }

    /// <summary>Turns TLS on for a worker silo.</summary>
    public void ApplyTo(ISiloBuilder builder) => builder.UseTls(Certificate, Configure);

    /// <summary>Turns TLS on for a driver.</summary>
    public void ApplyTo(IClientBuilder builder) => builder.UseTls(Certificate, Configure);

    private void Configure(TlsOptions options)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) =>
            remote is not null && string.Equals(remote.Thumbprint, Certificate.Thumbprint, StringComparison.OrdinalIgnoreCase);
    }
}
